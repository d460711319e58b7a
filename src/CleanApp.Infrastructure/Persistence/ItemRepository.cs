using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Items;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

internal sealed class ItemRepository(AppDbContext db) : IItemRepository
{
    public Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Items.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<Page<Item>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken)
    {
        var items = db.Items.AsNoTracking();
        var counts = db.ItemCounts.AsNoTracking();
        if (ownerId is { } owner)
        {
            items = items.Where(i => i.OwnerId == owner);
            counts = counts.Where(c => c.OwnerId == owner);
        }

        // Exact, without walking the owner's rows: the database keeps each owner's count (ItemCount).
        var count = checked((int)await counts.SumAsync(c => c.Count, cancellationToken));
        if (request.After is { } after)
        {
            items = items.Where(i => i.CreatedAt < after.At || (i.CreatedAt == after.At && i.Id.CompareTo(after.Id) < 0));
        }

        var data = await items
            .OrderByDescending(i => i.CreatedAt)
            .ThenByDescending(i => i.Id)
            .Skip(request.Skip)
            .Take(request.Limit)
            .ToListAsync(cancellationToken);
        return new Page<Item>(data, count, PageCursor.After(data, request.Limit, i => new PageCursor(i.CreatedAt, i.Id)));
    }

    public void Add(Item item) => db.Items.Add(item);

    public void Remove(Item item) => db.Items.Remove(item);
}

internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
