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
        // The exact total without walking the owner's rows: the database keeps each owner's count (ItemCount). For
        // one owner on PostgreSQL, the count and the page come back in one compiled query, one round trip.
        if (ownerId is { } owner && db is PostgresAppDbContext postgres)
        {
            var rows = request.After is { } after
                ? CompiledQueries.OwnerPageAfter(postgres, owner, after.At, after.Id, request.Skip, request.Limit)
                : CompiledQueries.OwnerPage(postgres, owner, request.Skip, request.Limit);
            long? total = null;
            var items = new List<Item>(request.Limit);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                total = row.Count;
                items.Add(row.Item);
            }

            // No rows: the page is empty, and the count says how many items there are (none without a count row).
            total ??= await db.ItemCounts.AsNoTracking().Where(c => c.OwnerId == owner).Select(c => (long?)c.Count)
                .FirstOrDefaultAsync(cancellationToken) ?? 0;
            return ToPage(items, total.Value, request);
        }

        // Everyone's items (a superuser), or SQLite: in process, it has no round trip to save (and no lateral join).
        var query = db.Items.AsNoTracking();
        var counts = db.ItemCounts.AsNoTracking();
        if (ownerId is { } sqliteOwner)
        {
            query = query.Where(i => i.OwnerId == sqliteOwner);
            counts = counts.Where(c => c.OwnerId == sqliteOwner);
        }

        if (request.After is { } start)
        {
            query = query.Where(i => i.CreatedAt < start.At || (i.CreatedAt == start.At && i.Id.CompareTo(start.Id) < 0));
        }

        var count = await counts.SumAsync(c => c.Count, cancellationToken);
        var data = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(request.Skip).Take(request.Limit).ToListAsync(cancellationToken);
        return ToPage(data, count, request);
    }

    private static Page<Item> ToPage(List<Item> data, long count, PageRequest request) =>
        new(data, checked((int)count), PageCursor.After(data, request.Limit, i => new PageCursor(i.CreatedAt, i.Id)));

    public void Add(Item item) => db.Items.Add(item);

    public void Remove(Item item) => db.Items.Remove(item);
}

internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
