namespace CleanApp.Application.Sessions;

/// <summary>Signs one of the caller's sessions out (a lost phone, say); its tokens stop working at once.</summary>
[SignedIn]
public sealed record RevokeSessionCommand(Guid Id) : ICommand;

internal sealed class RevokeSessionCommandHandler(ISessionRepository sessions, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<RevokeSessionCommand>
{
    internal const string NotFound = "Session not found";

    public async ValueTask<Unit> Handle(RevokeSessionCommand command, CancellationToken cancellationToken)
    {
        if (!await sessions.RevokeAsync(currentUser.Required().Id, command.Id, cancellationToken))
        {
            throw new NotFoundException(NotFound);
        }

        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        return Unit.Value;
    }
}
