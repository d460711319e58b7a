using CleanApp.Application.Common.Abstractions;
using Mediator;

namespace CleanApp.Application.Items;

public sealed record GetItemQuery(Guid Id) : IQuery<ItemDto>;

internal sealed class GetItemQueryHandler(IItemRepository items, ICurrentUser currentUser)
    : IQueryHandler<GetItemQuery, ItemDto>
{
    public async ValueTask<ItemDto> Handle(GetItemQuery query, CancellationToken cancellationToken)
    {
        var item = await items.FindAccessibleAsync(query.Id, currentUser, cancellationToken);
        return item.ToDto();
    }
}
