namespace CleanApp.Application.Roles;

/// <summary>Every role: the built-in admin role first, then the custom roles by name.</summary>
[RequiresPermission(RolePermissions.Manage)]
public sealed record ListRolesQuery : IQuery<IReadOnlyList<RoleDto>>;

internal sealed class ListRolesQueryHandler(IRoleRepository roles) : IQueryHandler<ListRolesQuery, IReadOnlyList<RoleDto>>
{
    public async ValueTask<IReadOnlyList<RoleDto>> Handle(ListRolesQuery query, CancellationToken cancellationToken) =>
        [RoleRules.Admin, .. (await roles.ListAsync(cancellationToken)).Select(r => r.ToDto())];
}
