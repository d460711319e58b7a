using CleanApp.Domain.Items;

namespace CleanApp.Application.Items;

internal static class ItemAccess
{
    public const string NotFound = "Item not found";

    /// <summary>
    /// The item, if it exists and the caller may do what <paramref name="permission"/> widens the owner rule to
    /// (<see cref="ItemPermissions"/>). A caller who may read it but not do this is refused (403); to anyone else another
    /// user's item answers exactly like a missing one, so ids cannot be probed.
    /// </summary>
    public static async Task<Item> FindAccessibleAsync(
        this IItemRepository items, Guid id, ICurrentUser currentUser, string permission, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        var item = await items.FindAsync(id, cancellationToken);
        if (item is not null && item.IsAccessibleTo(user, permission))
        {
            return item;
        }

        throw item is not null && item.IsAccessibleTo(user, ItemPermissions.ReadAny)
            ? new ForbiddenException(AccessMessages.NotEnoughPrivileges)
            : new NotFoundException(NotFound);
    }

    /// <summary>
    /// Why the store made no edit or delete of the item: the caller may not (as <see cref="FindAccessibleAsync"/>: 404 or
    /// 403, thrown); when the item is there for the caller after all, it changed between the write and this read (409).
    /// </summary>
    public static async Task<EditConflictException> RefusalAsync(this IItemRepository items, Guid id, ICurrentUser currentUser, CancellationToken cancellationToken)
    {
        await items.FindAccessibleAsync(id, currentUser, ItemPermissions.WriteAny, cancellationToken);
        return new EditConflictException();
    }
}
