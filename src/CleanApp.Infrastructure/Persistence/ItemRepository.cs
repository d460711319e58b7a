using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Items;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

internal sealed class ItemRepository(AppDbContext db) : IItemRepository
{
    public Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        CompiledQueries.ItemAsync(db, id, cancellationToken);

    public async Task<Page<Item>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken)
    {
        var items = db.Items.AsNoTracking();
        if (ownerId is { } owner)
        {
            items = items.Where(i => i.OwnerId == owner);
        }

        if (request.After is { } after)
        {
            items = items.Where(i => i.CreatedAt < after.At || (i.CreatedAt == after.At && i.Id.CompareTo(after.Id) < 0));
        }

        var page = items.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Skip(request.Skip).Take(request.Limit);

        // The exact total without walking the owner's rows: the database keeps each owner's count (ItemCount). For
        // one owner on PostgreSQL, the count and the page come back in one query (a lateral join), one round trip; no
        // count row means no items. SQLite, in process, has no round trip to save (and no lateral join).
        int count;
        List<Item> data;
        if (ownerId is { } countedOwner && db is PostgresAppDbContext)
        {
            var result = await db.ItemCounts.AsNoTracking()
                .Where(c => c.OwnerId == countedOwner)
                .Select(c => new { c.Count, Items = page.ToList() })
                .FirstOrDefaultAsync(cancellationToken);
            (count, data) = result is null ? (0, []) : (checked((int)result.Count), result.Items);
        }
        else
        {
            var counts = db.ItemCounts.AsNoTracking();
            if (ownerId is { } sqliteOwner)
            {
                counts = counts.Where(c => c.OwnerId == sqliteOwner);
            }

            count = checked((int)await counts.SumAsync(c => c.Count, cancellationToken));
            data = await page.ToListAsync(cancellationToken);
        }

        return new Page<Item>(data, count, PageCursor.After(data, request.Limit, i => new PageCursor(i.CreatedAt, i.Id)));
    }

    public void Add(Item item) => db.Items.Add(item);

    public void Remove(Item item) => db.Items.Remove(item);
}

internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
