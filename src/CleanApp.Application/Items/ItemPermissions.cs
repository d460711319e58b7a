using System.ComponentModel;

namespace CleanApp.Application.Items;

/// <summary>What widens the owner rule on items: everyone reads and changes their own.</summary>
[Permissions]
public static class ItemPermissions
{
    [Description("Read every user's items (lists include them all)")]
    public const string ReadAny = "items.read.any";

    [Description("Change and delete every user's items")]
    public const string WriteAny = "items.write.any";
}
