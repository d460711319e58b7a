using __SolutionName__.Application.Common.Abstractions;
using __SolutionName__.Application.Common.Paging;
using __SolutionName__.Domain.EntityPlural;
using Microsoft.EntityFrameworkCore;

namespace __SolutionName__.Infrastructure.Persistence;

internal sealed class EntityNameRepository(AppDbContext db) : IEntityNameRepository
{
    public Task<EntityName?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<EntityName>().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public async Task<Page<EntityName>> ListAsync(Guid? ownerId, int skip, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<EntityName>().AsNoTracking();
        if (ownerId is { } owner)
        {
            query = query.Where(e => e.OwnerId == owner);
        }

        // An exact count walks the owner's rows: fine for hundreds; for millions keep a count as items do (ADR 0007).
        var count = await query.CountAsync(cancellationToken);
        var data = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip(skip).Take(limit).ToListAsync(cancellationToken);
        return new Page<EntityName>(data, count);
    }

    public void Add(EntityName entityVariable) => db.Set<EntityName>().Add(entityVariable);

    public void Remove(EntityName entityVariable) => db.Set<EntityName>().Remove(entityVariable);
}
