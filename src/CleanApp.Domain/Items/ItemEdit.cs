namespace CleanApp.Domain.Items;

/// <summary>
/// An edit of an item: the fields it sets, each checked against the item's rules when the edit is made, so a store can
/// apply it without loading the item first (<see cref="Item.Apply"/> makes it on a loaded one). An edit records no
/// event: one that should would be made on the loaded item instead.
/// </summary>
public sealed record ItemEdit
{
    /// <summary>An edit that changes nothing; <see cref="Renaming"/> and <see cref="Describing"/> add to it.</summary>
    public static readonly ItemEdit None = new();

    private ItemEdit()
    {
    }

    /// <summary>The new title, or null when the edit leaves it (a title is never empty).</summary>
    public string? Title { get; private init; }

    /// <summary>Whether the edit sets the description (to <see cref="Description"/>, which null clears).</summary>
    public bool SetsDescription { get; private init; }

    public string? Description { get; private init; }

    public ItemEdit Renaming(string title) => this with { Title = Item.CheckTitle(title) };

    public ItemEdit Describing(string? description) => this with { SetsDescription = true, Description = Item.CheckDescription(description) };
}
