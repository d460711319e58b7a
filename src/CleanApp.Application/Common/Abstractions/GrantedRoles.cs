namespace CleanApp.Application.Common.Abstractions;

/// <summary>The custom roles a user has and the permissions they grant together (sorted, once each).</summary>
public sealed record GrantedRoles(IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions)
{
    public static readonly GrantedRoles None = new([], []);

    /// <summary>The roles and permissions as read (in any order, repeated, nulls for none), sorted and once each.</summary>
    public static GrantedRoles Of(IEnumerable<string?> roles, IEnumerable<string?> permissions) => new(
        [.. roles.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        [.. permissions.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
}

