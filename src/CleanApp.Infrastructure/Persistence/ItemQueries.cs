using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// Lists of items through EF Core (<see cref="OwnedLists"/>). The exact total comes from the counts the database keeps
/// per owner (ItemCount, ADR 0007), never from walking the rows. PostgreSQL answers one owner's page, the hot path, as
/// plain SQL (Postgres/PostgresItemQueries) and everything else here.
/// </summary>
internal sealed class ItemQueries(AppDbContext db) : IItemQueries
{
    public async Task<Page<ItemDto>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken)
    {
        var counts = db.ItemCounts.AsNoTracking();
        if (ownerId is { } owner)
        {
            counts = counts.Where(c => c.OwnerId == owner);
        }

        var total = await counts.SumAsync(c => c.Count, cancellationToken);
        return await db.Items.AsNoTracking().OwnedBy(ownerId).PageOf(request)
            .ProjectToDto()
            .ToPageAsync(total, request, i => new PageCursor(i.CreatedAt, i.Id), cancellationToken);
    }
}
