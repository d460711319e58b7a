using CleanApp.Domain.Users;

namespace CleanApp.Application.Users;

/// <summary>
/// A holder of <c>users.delete</c> deletes an account and its items, when it holds every permission the account holds;
/// a superuser's only a superuser deletes, and a superuser not their own.
/// </summary>
[RequiresPermission(UserPermissions.Delete)]
public sealed record DeleteUserCommand(Guid Id) : ICommand<Confirmation>;

internal sealed class DeleteUserCommandHandler(IUserRepository accounts, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<DeleteUserCommand, Confirmation>
{
    public async ValueTask<Confirmation> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        if (!UserAccount.MayDelete(caller, command.Id))
        {
            throw new ForbiddenException(UserErrors.SuperuserDeletingSelf);
        }

        if (!caller.IsSuperuser && await accounts.FindWithRolesAsync(command.Id, cancellationToken) is { } target)
        {
            Reach.ThrowUnlessReaches(caller, target);
        }

        if (!await accounts.RemoveAsync(command.Id, cancellationToken))
        {
            throw new NotFoundException(UserErrors.NotFound);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new Confirmation("User deleted successfully");
    }
}
