using CleanApp.Domain.Items;
using Riok.Mapperly.Abstractions;

namespace CleanApp.Application.Items;

[Mapper]
internal static partial class ItemMapper
{
    [MapperIgnoreSource(nameof(Item.DomainEvents))]
    public static partial ItemDto ToDto(this Item item);
}
