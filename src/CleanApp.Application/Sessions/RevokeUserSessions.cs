using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Users;
using Mediator;

namespace CleanApp.Application.Sessions;

/// <summary>A superuser signs a user out everywhere: every session of theirs is revoked.</summary>
[RequiresPermission(SessionPermissions.RevokeAny)]
public sealed record RevokeUserSessionsCommand(Guid UserId) : ICommand;

internal sealed class RevokeUserSessionsCommandHandler(ISessions sessions, IUserAccounts accounts) : ICommandHandler<RevokeUserSessionsCommand>
{
    public async ValueTask<Unit> Handle(RevokeUserSessionsCommand command, CancellationToken cancellationToken)
    {
        _ = await accounts.FindAsync(command.UserId, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
        await sessions.RevokeAllAsync(command.UserId, except: null, cancellationToken);
        return Unit.Value;
    }
}
