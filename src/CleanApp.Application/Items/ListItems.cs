using CleanApp.Application.Common.Paging;

namespace CleanApp.Application.Items;

/// <summary>The caller's items, newest first; with <c>items.read.any</c> (superusers hold it) everyone's.</summary>
[SignedIn]
public sealed record ListItemsQuery(int Skip = 0, int Limit = IPagedQuery.DefaultLimit, string? Cursor = null) : IQuery<Page<ItemDto>>, IPagedQuery;

internal sealed class ListItemsQueryValidator : AbstractValidator<ListItemsQuery>
{
    public ListItemsQueryValidator() => Include(new PagedQueryValidator());
}

internal sealed class ListItemsQueryHandler(IItemQueries items, ICurrentUser currentUser)
    : IQueryHandler<ListItemsQuery, Page<ItemDto>>
{
    public ValueTask<Page<ItemDto>> Handle(ListItemsQuery query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        var ownerId = user.Has(ItemPermissions.ReadAny) ? (Guid?)null : user.Id;
        return new(items.ListAsync(ownerId, query.ToPageRequest(), cancellationToken));
    }
}
