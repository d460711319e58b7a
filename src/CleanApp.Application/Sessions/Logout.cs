namespace CleanApp.Application.Sessions;

/// <summary>Signs the caller out: their session is revoked, and its bearer and refresh tokens stop working at once.</summary>
[SignedIn]
public sealed record LogoutCommand : ICommand;

internal sealed class LogoutCommandHandler(ISessionRepository sessions, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        if (user.SessionId is { } session)
        {
            await sessions.RevokeAsync(user.Id, session, cancellationToken);
            await unitOfWork.SaveChangesAsync(CancellationToken.None); // a sign-out holds even if the client hangs up
        }

        return Unit.Value;
    }
}
