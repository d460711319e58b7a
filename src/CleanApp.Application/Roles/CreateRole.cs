using CleanApp.Domain.Roles;

namespace CleanApp.Application.Roles;

/// <summary>
/// A custom role with these permissions: names the catalog does not have are 422; the built-in role's name or a taken
/// one is 409; permissions the caller does not hold itself, 403.
/// </summary>
[RequiresPermission(RolePermissions.Manage)]
public sealed record CreateRoleCommand(string Name, IReadOnlyList<string> Permissions) : ICommand<RoleDto>;

internal sealed class CreateRoleCommandValidator : AbstractValidator<CreateRoleCommand>
{
    public CreateRoleCommandValidator()
    {
        RuleFor(c => c.Name).ValidRoleName();
        this.ValidPermissions(c => c.Permissions);
    }
}

internal sealed class CreateRoleCommandHandler(IRoleRepository roles, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<CreateRoleCommand, RoleDto>
{
    public async ValueTask<RoleDto> Handle(CreateRoleCommand command, CancellationToken cancellationToken)
    {
        RoleRules.ThrowIfBuiltIn(command.Name);
        RoleRules.ThrowIfUnknownPermissions(command.Permissions);
        Reach.ThrowUnlessHolds(currentUser.Required(), command.Permissions, "create a role");
        var role = Role.Custom(command.Name, command.Permissions);
        roles.Add(role);
        await unitOfWork.SaveChangesAsync(RoleRules.TakenName, cancellationToken);
        return role.ToDto();
    }
}
