using CleanApp.Domain.Roles;

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

/// <summary>
/// The custom roles of the identity store (Identity's roles and role claims) and who has them. The built-in admin role
/// is not one of them: its members are the superusers (<c>is_superuser</c>) and it holds every permission. The rules
/// about names, the built-in role and who may grant what are the handlers'; the store says only what it alone knows
/// (a name taken: <c>ConflictException</c>).
/// </summary>
public interface IRoles
{
    /// <summary>Every custom role, by name.</summary>
    Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken);

    Task<Role?> FindAsync(string name, CancellationToken cancellationToken);

    Task CreateAsync(Role role, CancellationToken cancellationToken);

    /// <summary>Replaces the role's permissions; false when there is no such role.</summary>
    Task<bool> UpdateAsync(Role role, CancellationToken cancellationToken);

    /// <summary>Deletes the role and every user's membership of it; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>The names given that are no custom role, in the order given.</summary>
    Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the user exactly these custom roles and sets whether they are a superuser, in one save; false when there is
    /// no such user.
    /// </summary>
    Task<bool> SetUserRolesAsync(Guid userId, bool isSuperuser, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <summary>The custom roles of each of these users (a user without any is absent).</summary>
    Task<IReadOnlyDictionary<Guid, GrantedRoles>> OfUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
}
