using CleanApp.Domain.Common;
using CleanApp.Domain.Users;

namespace CleanApp.Domain.Items;

/// <summary>Something a user owns. Its title and description obey the limits below whatever creates or edits it.</summary>
public sealed class Item : AuditedEntity, IOwnedEntity
{
    public const int TitleMaxLength = 255;
    public const int DescriptionMaxLength = 255;

    // For EF Core materialization only.
    private Item()
    {
        Title = string.Empty;
    }

    private Item(Guid id, Guid ownerId, string title, string? description)
        : base(id)
    {
        OwnerId = ownerId;
        Title = title;
        Description = description;
    }

    public Guid OwnerId { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public static Item Create(Guid ownerId, string title, string? description)
    {
        if (ownerId == Guid.Empty)
        {
            throw new DomainException("An item needs an owner.", nameof(OwnerId));
        }

        var item = new Item(Guid.CreateVersion7(), ownerId, CheckTitle(title), CheckDescription(description));
        item.Raise(new ItemCreated(item.Id, ownerId));
        return item;
    }

    /// <summary>Records that the item is going away (the repository removes it).</summary>
    public void Delete() => Raise(new ItemDeleted(Id, OwnerId));

    public void Rename(string title) => Apply(ItemEdit.None.Renaming(title));

    public void Describe(string? description) => Apply(ItemEdit.None.Describing(description));

    /// <summary>Makes the edit's changes (already checked against the rules when the edit was made).</summary>
    public void Apply(ItemEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        Title = edit.Title ?? Title;
        Description = edit.SetsDescription ? edit.Description : Description;
    }

    /// <summary>
    /// Owners see and change their own items; others only with the permission that widens the owner rule for what
    /// they do (reading or changing every user's items: the application names it), which superusers always hold.
    /// </summary>
    public bool IsAccessibleTo(UserIdentity user, string anyUsersPermission) => IsWithin(OwnerScope(user, anyUsersPermission));

    /// <summary>Whether the item falls within an <see cref="OwnerScope"/>: it is that owner's, or the scope is every user's (null).</summary>
    public bool IsWithin(Guid? ownerScope) => ownerScope is not { } owner || owner == OwnerId;

    /// <summary>
    /// The same rule as <see cref="IsAccessibleTo"/> for a store that acts on an item without loading it: the owner whose
    /// items the user may act on, or null when every user's (they hold the widening permission).
    /// </summary>
    public static Guid? OwnerScope(UserIdentity user, string anyUsersPermission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Has(anyUsersPermission) ? null : user.Id;
    }

    internal static string CheckTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new DomainException("Title must not be empty.", nameof(Title));
        }

        if (title.Length > TitleMaxLength)
        {
            throw new DomainException($"Title must be at most {TitleMaxLength} characters.", nameof(Title));
        }

        return title;
    }

    internal static string? CheckDescription(string? description)
    {
        if (description is { Length: > DescriptionMaxLength })
        {
            throw new DomainException($"Description must be at most {DescriptionMaxLength} characters.", nameof(Description));
        }

        return description;
    }
}
