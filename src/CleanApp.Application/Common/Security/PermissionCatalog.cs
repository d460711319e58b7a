using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using CleanApp.Domain.Roles;

namespace CleanApp.Application.Common.Security;

/// <summary>A permission: its name (<c>resource.action</c>) and what it lets its holder do.</summary>
public sealed record PermissionDto(string Name, string Description);

/// <summary>
/// Marks a static class of permissions: each public <c>const string</c> in it is one, its
/// <see cref="DescriptionAttribute"/> the description. A feature adds its permissions by adding such a class beside
/// its use cases; the catalog finds them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PermissionsAttribute : Attribute;

/// <summary>Every permission the application knows, found once in this assembly's <see cref="PermissionsAttribute"/> classes.</summary>
public static partial class PermissionCatalog
{
    /// <summary>The built-in role: it holds every permission, and its members are exactly the superusers.</summary>
    public const string AdminRole = Role.AdminName;

    /// <summary>The claim type a role's permissions are stored under (Identity's role claims).</summary>
    public const string ClaimType = "permission";

    /// <summary>What a permission's name looks like: lowercase words joined by dots (or dashes inside a word).</summary>
    public const string NamePattern = "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+\\z";

    public static IReadOnlyList<PermissionDto> All { get; } = Find(typeof(PermissionCatalog).Assembly);

    /// <summary>Every permission's name, sorted: what the built-in admin role holds.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    private static readonly HashSet<string> NameSet = [.. Names];

    public static bool Contains(string name) => NameSet.Contains(name);

    /// <summary>The names that are not in the catalog, in the order given, once each.</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> names) => [.. names.Where(n => !NameSet.Contains(n)).Distinct(StringComparer.Ordinal)];

    /// <summary>The permissions declared in an assembly, sorted by name; a malformed name or a missing description throws.</summary>
    public static IReadOnlyList<PermissionDto> Find(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<PermissionsAttribute>() is not null)
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
            .Select(field => Describe((string)field.GetRawConstantValue()!, field))
            .OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    private static PermissionDto Describe(string name, FieldInfo field)
    {
        if (!NameRegex().IsMatch(name))
        {
            throw new InvalidOperationException($"{field.DeclaringType!.FullName}.{field.Name}: '{name}' is not a permission name (resource.action, lowercase).");
        }

        var description = field.GetCustomAttribute<DescriptionAttribute>()?.Description;
        return string.IsNullOrWhiteSpace(description)
            ? throw new InvalidOperationException($"{field.DeclaringType!.FullName}.{field.Name}: a permission needs a [Description].")
            : new PermissionDto(name, description);
    }

    [GeneratedRegex(NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
