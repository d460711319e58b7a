using __SolutionName__.Application.Common.Paging;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>
/// The read side of EntityPlural: lists come straight out of the database as what the API answers, without loading
/// domain entities. Writes go through <see cref="IEntityNameRepository"/>.
/// </summary>
public interface IEntityNameQueries
{
    /// <summary>
    /// A page of EntityPlural, newest first (id breaking ties), with the exact total and the cursor of the next page;
    /// all owners' when <paramref name="ownerId"/> is null.
    /// </summary>
    Task<Page<EntityNameDto>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken);
}
