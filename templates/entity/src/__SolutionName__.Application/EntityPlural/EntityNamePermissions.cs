using System.ComponentModel;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>What widens the owner rule on EntityPlural: everyone reads and changes their own.</summary>
[Permissions]
public static class EntityNamePermissions
{
    [Description("Read every user's EntityPlural (lists include them all)")]
    public const string ReadAny = "entity-route.read.any";

    [Description("Change and delete every user's EntityPlural")]
    public const string WriteAny = "entity-route.write.any";
}
