using CleanApp.Domain.Users;

namespace CleanApp.Application.Users;

/// <summary>The caller deletes their own account, and with it their items. Superusers may not.</summary>
[SignedIn]
public sealed record DeleteCurrentUserCommand : ICommand<Confirmation>;

internal sealed class DeleteCurrentUserCommandHandler(IUserRepository accounts, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<DeleteCurrentUserCommand, Confirmation>
{
    public async ValueTask<Confirmation> Handle(DeleteCurrentUserCommand command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        if (!UserAccount.MayDelete(user, user.Id))
        {
            throw new ForbiddenException(UserErrors.SuperuserDeletingSelf);
        }

        await accounts.RemoveAsync(user.Id, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new Confirmation("User deleted successfully");
    }
}
