using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// Lists of items through EF Core, projected straight into the answer. The exact total comes from the counts the
/// database keeps per owner (ItemCount, ADR 0007), never from walking the rows. PostgreSQL answers one owner's page,
/// the hot path, as plain SQL (Postgres/PostgresItemQueries) and everything else here.
/// </summary>
internal sealed class ItemQueries(AppDbContext db) : IItemQueries
{
    public async Task<Page<ItemDto>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken)
    {
        var query = db.Items.AsNoTracking();
        var counts = db.ItemCounts.AsNoTracking();
        if (ownerId is { } one)
        {
            query = query.Where(i => i.OwnerId == one);
            counts = counts.Where(c => c.OwnerId == one);
        }

        if (request.After is { } start)
        {
            query = query.Where(i => i.CreatedAt < start.At || (i.CreatedAt == start.At && i.Id.CompareTo(start.Id) < 0));
        }

        var count = await counts.SumAsync(c => c.Count, cancellationToken);
        var data = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(request.Skip).Take(request.Limit)
            .Select(i => new ItemDto(i.Id, i.Title, i.Description, i.OwnerId, i.CreatedAt))
            .ToListAsync(cancellationToken);
        return new Page<ItemDto>(data, checked((int)count), PageCursor.After(data, request.Limit, i => new PageCursor(i.CreatedAt, i.Id)));
    }
}
