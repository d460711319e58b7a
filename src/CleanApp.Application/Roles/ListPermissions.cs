namespace CleanApp.Application.Roles;

/// <summary>The permission catalog: every permission a role can hold, with what it allows, by name.</summary>
[RequiresPermission(RolePermissions.Manage)]
public sealed record ListPermissionsQuery : IQuery<IReadOnlyList<PermissionDto>>;

internal sealed class ListPermissionsQueryHandler : IQueryHandler<ListPermissionsQuery, IReadOnlyList<PermissionDto>>
{
    public ValueTask<IReadOnlyList<PermissionDto>> Handle(ListPermissionsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PermissionCatalog.All);
}
