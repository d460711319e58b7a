using CleanApp.Application.Users;

namespace CleanApp.Application.Sessions;

/// <summary>
/// A holder of sessions.revoke.any signs a user out everywhere (every session of theirs is revoked), when it holds every
/// permission the user holds; a superuser only a superuser.
/// </summary>
[RequiresPermission(SessionPermissions.RevokeAny)]
public sealed record RevokeUserSessionsCommand(Guid UserId) : ICommand;

internal sealed class RevokeUserSessionsCommandHandler(ISessionRepository sessions, IUnitOfWork unitOfWork, IUserRepository accounts, ICurrentUser currentUser) : ICommandHandler<RevokeUserSessionsCommand>
{
    public async ValueTask<Unit> Handle(RevokeUserSessionsCommand command, CancellationToken cancellationToken)
    {
        var target = await accounts.FindWithRolesAsync(command.UserId, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
        Reach.ThrowUnlessReaches(currentUser.Required(), target);
        await sessions.RevokeAllAsync(command.UserId, except: null, cancellationToken);
        await unitOfWork.SaveChangesAsync(CancellationToken.None); // a sign-out holds even if the client hangs up
        return Unit.Value;
    }
}
