using __SolutionName__.Application.Common.Paging;
using __SolutionName__.Domain.EntityPlural;

namespace __SolutionName__.Application.Common.Abstractions;

/// <summary>EntityPlural: loaded to be changed (saved by <see cref="IUnitOfWork"/>), and listed.</summary>
public interface IEntityNameRepository
{
    Task<EntityName?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A page, newest first (id breaking ties), with the exact total; all owners' when <paramref name="ownerId"/> is null.</summary>
    Task<Page<EntityName>> ListAsync(Guid? ownerId, int skip, int limit, CancellationToken cancellationToken);

    void Add(EntityName entityVariable);

    void Remove(EntityName entityVariable);
}
