using CleanApp.Application.Items;
using CleanApp.Domain.Items;

namespace CleanApp.Infrastructure.Persistence;

internal sealed class ItemRepository(AppDbContext db) : IItemRepository
{
    public Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Compiled.Item(db, id, cancellationToken);

    public void Add(Item item) => db.Items.Add(item);

    public void Remove(Item item) => db.Items.Remove(item);
}
