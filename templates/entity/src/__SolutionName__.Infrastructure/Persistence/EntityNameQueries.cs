using __SolutionName__.Application.Common.Paging;
using __SolutionName__.Application.EntityPlural;
using __SolutionName__.Domain.EntityPlural;

namespace __SolutionName__.Infrastructure.Persistence;

/// <summary>
/// Lists of EntityPlural, as items are listed (<see cref="OwnedLists"/>): keyset paging, DTOs projected in the query by the feature's mapper.
/// Registered for <see cref="IEntityNameQueries"/> by its name (DependencyInjection.AddFeatureServices).
/// </summary>
internal sealed class EntityNameQueries(AppDbContext db) : IEntityNameQueries
{
    public async Task<Page<EntityNameDto>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken)
    {
        var owned = db.Set<EntityName>().AsNoTracking().OwnedBy(ownerId);
        // An exact count walks the owner's rows: fine for thousands; for millions keep a count as items do (ADR 0007).
        var total = await owned.LongCountAsync(cancellationToken);
        return await owned.PageOf(request)
            .ProjectToDto()
            .ToPageAsync(total, request, e => new PageCursor(e.CreatedAt, e.Id), cancellationToken);
    }
}
