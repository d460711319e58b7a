using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Security;
using Mediator;

namespace CleanApp.Application.Sessions;

/// <summary>Signs the caller out: their session is revoked, and its bearer and refresh tokens stop working at once.</summary>
[SignedIn]
public sealed record LogoutCommand : ICommand;

internal sealed class LogoutCommandHandler(ISessions sessions, ICurrentUser currentUser) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        if (user.SessionId is { } session)
        {
            await sessions.RevokeAsync(user.Id, session, cancellationToken);
        }

        return Unit.Value;
    }
}
