using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Items;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

internal sealed class ItemRepository(AppDbContext db) : IItemRepository
{
    public Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Items.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<Page<Item>> ListAsync(Guid? ownerId, int skip, int limit, CancellationToken cancellationToken)
    {
        var items = db.Items.AsNoTracking();
        if (ownerId is { } owner)
        {
            items = items.Where(i => i.OwnerId == owner);
        }

        var count = await items.CountAsync(cancellationToken);
        var data = await items
            .OrderByDescending(i => i.CreatedAt)
            .ThenByDescending(i => i.Id)
            .Skip(skip)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return new Page<Item>(data, count);
    }

    public void Add(Item item) => db.Items.Add(item);

    public void Remove(Item item) => db.Items.Remove(item);
}

internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
