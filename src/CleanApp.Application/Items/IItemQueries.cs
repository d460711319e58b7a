using CleanApp.Application.Common.Paging;

namespace CleanApp.Application.Items;

/// <summary>
/// The read side of items: lists come straight out of the database as what the API answers, without loading domain
/// entities (nothing is changed on a read). Writes go through <see cref="IItemRepository"/>.
/// </summary>
public interface IItemQueries
{
    /// <summary>
    /// A page of items, newest first (id breaking ties), with the exact total and the cursor of the next page; all
    /// owners' when <paramref name="ownerId"/> is null.
    /// </summary>
    Task<Page<ItemDto>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken);
}
