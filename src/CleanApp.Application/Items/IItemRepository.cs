using CleanApp.Domain.Items;

namespace CleanApp.Application.Items;

/// <summary>
/// Items to change. A create, an edit and a delete are each stored when called, with what the item recorded (its
/// events), its audit fields and version, and the request's condition (If-Match) checked in the same write: on
/// PostgreSQL one statement each, without loading the item first (ADR 0019). Lists are read by <see cref="IItemQueries"/>.
/// </summary>
public interface IItemRepository
{
    Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stores a new item; the item as stored (created now, by the caller, at version 1).</summary>
    Task<ItemDto> AddAsync(Item item, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the edit to the item if it is <paramref name="owner"/>'s (anyone's when null: <see cref="Item.OwnerScope"/>);
    /// the item as saved (as it is, when the edit changes nothing), or null when there is no such item of that owner
    /// (<see cref="ItemAccess.RefusalAsync"/> says why). At a version the request's condition (If-Match) does not accept,
    /// it fails the precondition.
    /// </summary>
    Task<ItemDto?> EditAsync(Guid id, ItemEdit edit, Guid? owner, CancellationToken cancellationToken);

    /// <summary>Deletes the item on the same terms as <see cref="EditAsync"/>; whether it did.</summary>
    Task<bool> DeleteAsync(Guid id, Guid? owner, CancellationToken cancellationToken);
}
