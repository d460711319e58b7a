using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Items;

namespace CleanApp.Application.Common.Abstractions;

public interface IItemRepository
{
    Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// A page of items, newest first (id breaking ties), with the exact total and the cursor of the next page; all
    /// owners' when <paramref name="ownerId"/> is null.
    /// </summary>
    Task<Page<Item>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken);

    void Add(Item item);

    void Remove(Item item);
}
