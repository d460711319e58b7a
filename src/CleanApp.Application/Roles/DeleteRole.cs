namespace CleanApp.Application.Roles;

/// <summary>
/// Deletes a custom role; its members lose what it granted on their next request. The built-in role: 409; a role with
/// a permission the caller does not hold: 403.
/// </summary>
[RequiresPermission(RolePermissions.Manage)]
public sealed record DeleteRoleCommand(string Name) : ICommand;

internal sealed class DeleteRoleCommandHandler(IRoleRepository roles, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<DeleteRoleCommand>
{
    public async ValueTask<Unit> Handle(DeleteRoleCommand command, CancellationToken cancellationToken)
    {
        RoleRules.ThrowIfBuiltIn(command.Name);
        var existing = await roles.FindAsync(command.Name, cancellationToken) ?? throw new NotFoundException(RoleRules.NotFound);
        Reach.ThrowUnlessHolds(currentUser.Required(), existing.Permissions, "delete a role");
        if (!await roles.RemoveAsync(command.Name, cancellationToken))
        {
            throw new NotFoundException(RoleRules.NotFound);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
