using __SolutionName__.Application.EntityPlural;
using __SolutionName__.Domain.EntityPlural;

namespace __SolutionName__.Infrastructure.Persistence;

/// <summary>Registered for <see cref="IEntityNameRepository"/> by its name (DependencyInjection.AddFeatureServices).</summary>
internal sealed class EntityNameRepository(AppDbContext db) : IEntityNameRepository
{
    public Task<EntityName?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<EntityName>().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public void Add(EntityName entityVariable) => db.Set<EntityName>().Add(entityVariable);

    public void Remove(EntityName entityVariable) => db.Set<EntityName>().Remove(entityVariable);
}
