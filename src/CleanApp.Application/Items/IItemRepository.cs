using CleanApp.Domain.Items;

namespace CleanApp.Application.Items;

/// <summary>Items to change: loaded as domain entities, saved by <see cref="IUnitOfWork"/>. Lists are read by <see cref="IItemQueries"/>.</summary>
public interface IItemRepository
{
    Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(Item item);

    void Remove(Item item);
}
