namespace CleanApp.Application.Items;

[SignedIn]
public sealed record GetItemQuery(Guid Id) : IQuery<ItemDto>;

internal sealed class GetItemQueryHandler(IItemRepository items, ICurrentUser currentUser)
    : IQueryHandler<GetItemQuery, ItemDto>
{
    public async ValueTask<ItemDto> Handle(GetItemQuery query, CancellationToken cancellationToken)
    {
        var item = await items.FindAccessibleAsync(query.Id, currentUser, ItemPermissions.ReadAny, cancellationToken);
        return item.ToDto();
    }
}
