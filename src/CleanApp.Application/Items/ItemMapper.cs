using CleanApp.Domain.Items;
using Riok.Mapperly.Abstractions;

namespace CleanApp.Application.Items;

/// <summary>The one place an <see cref="ItemDto"/> is built from an item: in memory, and in a query's projection (the same mapping).</summary>
[Mapper]
public static partial class ItemMapper
{
    [MapperIgnoreSource(nameof(Item.DomainEvents))]
    public static partial ItemDto ToDto(this Item item);

    /// <summary>The items' DTOs, built by the database query (only the DTO's columns are read).</summary>
    public static partial IQueryable<ItemDto> ProjectToDto(this IQueryable<Item> items);
}
