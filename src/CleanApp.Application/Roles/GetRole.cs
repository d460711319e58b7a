namespace CleanApp.Application.Roles;

/// <summary>One role by name (the built-in admin role too).</summary>
[RequiresPermission(RolePermissions.Manage)]
public sealed record GetRoleQuery(string Name) : IQuery<RoleDto>;

internal sealed class GetRoleQueryHandler(IRoleRepository roles) : IQueryHandler<GetRoleQuery, RoleDto>
{
    public async ValueTask<RoleDto> Handle(GetRoleQuery query, CancellationToken cancellationToken) =>
        RoleRules.IsBuiltIn(query.Name)
            ? RoleRules.Admin
            : (await roles.FindAsync(query.Name, cancellationToken))?.ToDto() ?? throw new NotFoundException(RoleRules.NotFound);
}
