using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Domain.Items;

namespace CleanApp.Application.Items;

internal static class ItemAccess
{
    public const string NotFound = "Item not found";

    /// <summary>
    /// The item, if it exists and the caller may touch it. Another user's item answers exactly like a missing
    /// one, so ids cannot be probed.
    /// </summary>
    public static async Task<Item> FindAccessibleAsync(
        this IItemRepository items, Guid id, ICurrentUser currentUser, CancellationToken cancellationToken)
    {
        var item = await items.FindAsync(id, cancellationToken);
        return item is not null && item.IsAccessibleTo(currentUser.Required())
            ? item
            : throw new NotFoundException(NotFound);
    }
}
