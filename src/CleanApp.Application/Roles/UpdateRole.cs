using CleanApp.Domain.Roles;

namespace CleanApp.Application.Roles;

/// <summary>
/// Replaces a custom role's permissions. Its members hold exactly these from their next request on, on every instance
/// (the per-request user read includes them). The built-in role: 409. The caller must hold every permission the role
/// has and is given (403 naming the others).
/// </summary>
[RequiresPermission(RolePermissions.Manage)]
public sealed record UpdateRoleCommand(string Name, IReadOnlyList<string> Permissions) : ICommand<RoleDto>;

internal sealed class UpdateRoleCommandValidator : AbstractValidator<UpdateRoleCommand>
{
    public UpdateRoleCommandValidator() => this.ValidPermissions(c => c.Permissions);
}

internal sealed class UpdateRoleCommandHandler(IRoleRepository roles, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<UpdateRoleCommand, RoleDto>
{
    public async ValueTask<RoleDto> Handle(UpdateRoleCommand command, CancellationToken cancellationToken)
    {
        RoleRules.ThrowIfBuiltIn(command.Name);
        RoleRules.ThrowIfUnknownPermissions(command.Permissions);
        var existing = await roles.FindAsync(command.Name, cancellationToken) ?? throw new NotFoundException(RoleRules.NotFound);
        Reach.ThrowUnlessHolds(currentUser.Required(), [.. existing.Permissions, .. command.Permissions], "change a role");
        var role = Role.Custom(command.Name, command.Permissions);
        if (!await roles.ReplacePermissionsAsync(role, cancellationToken))
        {
            throw new NotFoundException(RoleRules.NotFound);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return role.ToDto();
    }
}
