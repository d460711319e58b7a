using __SolutionName__.Domain.EntityPlural;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>EntityPlural to change: loaded as domain entities, saved by <see cref="IUnitOfWork"/>. Lists are read by <see cref="IEntityNameQueries"/>.</summary>
public interface IEntityNameRepository
{
    Task<EntityName?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(EntityName entityVariable);

    void Remove(EntityName entityVariable);
}
