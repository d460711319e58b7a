using CleanApp.Application.Users;
using Microsoft.Extensions.Logging;

namespace CleanApp.Application.Mfa;

/// <summary>
/// A holder of <c>users.update</c> removes the second step of an account whose every permission it holds (a
/// superuser's, only a superuser): for an owner who lost both their authenticator and their recovery codes. The
/// account signs in with its password again; whoever did it is in the log.
/// </summary>
[RequiresPermission(UserPermissions.Update)]
public sealed record RemoveUserMfaCommand(Guid Id) : ICommand<Confirmation>;

internal sealed partial class RemoveUserMfaCommandHandler(
    IUserRepository accounts, IAuthenticators authenticators, IUnitOfWork unitOfWork, ICurrentUser currentUser, ILogger<RemoveUserMfaCommandHandler> logger)
    : ICommandHandler<RemoveUserMfaCommand, Confirmation>
{
    public async ValueTask<Confirmation> Handle(RemoveUserMfaCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        var target = await accounts.FindWithRolesAsync(command.Id, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
        Reach.ThrowUnlessReaches(caller, target);
        if (!target.Account.MfaEnabled)
        {
            throw new BadRequestException(MfaMessages.NotOn);
        }

        await authenticators.DisableAsync(command.Id, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogRemoved(logger, caller.Id, command.Id);
        return new Confirmation("Two-step sign-in removed; the account signs in with its password");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {ActorId} removed the second sign-in step of user {UserId}")]
    private static partial void LogRemoved(ILogger logger, Guid actorId, Guid userId);
}
