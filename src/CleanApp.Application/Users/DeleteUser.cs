using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Domain.Users;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>A superuser deletes an account and its items; not their own.</summary>
public sealed record DeleteUserCommand(Guid Id) : ICommand<Confirmation>, ISuperuserRequest;

internal sealed class DeleteUserCommandHandler(IUserAccounts accounts, ICurrentUser currentUser) : ICommandHandler<DeleteUserCommand, Confirmation>
{
    public async ValueTask<Confirmation> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
        if (!UserAccount.MayDelete(currentUser.Required(), command.Id))
        {
            throw new ForbiddenException(UserErrors.SuperuserDeletingSelf);
        }

        return await accounts.DeleteAsync(command.Id, cancellationToken)
            ? new Confirmation("User deleted successfully")
            : throw new NotFoundException(UserErrors.NotFound);
    }
}
