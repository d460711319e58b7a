using CleanApp.Application.Items;
using CleanApp.Domain.Items;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// Items through EF Core: each write loads the item, makes the change on it and saves it with the unit of work (the
/// audit and outbox interceptors stamp it and write its events). SQLite's store, and PostgreSQL's for what its plain-SQL
/// store leaves to it (Postgres/PostgresItemRepository).
/// </summary>
internal sealed class ItemRepository(AppDbContext db, IUnitOfWork unitOfWork) : IItemRepository
{
    public Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Compiled.Item(db, id, cancellationToken);

    public async Task<ItemDto> AddAsync(Item item, CancellationToken cancellationToken)
    {
        db.Items.Add(item);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return item.ToDto();
    }

    public async Task<ItemDto?> EditAsync(Guid id, ItemEdit edit, Guid? owner, CancellationToken cancellationToken)
    {
        if (await FindOwnedAsync(id, owner, cancellationToken) is not { } item)
        {
            return null;
        }

        item.Apply(edit);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return item.ToDto();
    }

    public async Task<bool> DeleteAsync(Guid id, Guid? owner, CancellationToken cancellationToken)
    {
        if (await FindOwnedAsync(id, owner, cancellationToken) is not { } item)
        {
            return false;
        }

        item.Delete();
        db.Items.Remove(item);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<Item?> FindOwnedAsync(Guid id, Guid? owner, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } item && item.IsWithin(owner) ? item : null;
}
