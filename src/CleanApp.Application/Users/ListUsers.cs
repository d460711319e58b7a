using CleanApp.Application.Common.Paging;

namespace CleanApp.Application.Users;

/// <summary>Every account, newest first, with its roles. Needs <c>users.read</c>.</summary>
[RequiresPermission(UserPermissions.Read)]
public sealed record ListUsersQuery(int Skip = 0, int Limit = IPagedQuery.DefaultLimit, string? Cursor = null)
    : IQuery<Page<UserDto>>, IPagedQuery;

internal sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator() => Include(new PagedQueryValidator());
}

internal sealed class ListUsersQueryHandler(IUserQueries users) : IQueryHandler<ListUsersQuery, Page<UserDto>>
{
    public async ValueTask<Page<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var page = await users.ListAsync(query.ToPageRequest(), cancellationToken);
        var granted = await users.GrantsAsync([.. page.Data.Select(u => u.Id)], cancellationToken);
        return page.Map(u => u.ToDto(granted.GetValueOrDefault(u.Id, GrantedRoles.None)));
    }
}
