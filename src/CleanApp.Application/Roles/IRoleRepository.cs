using CleanApp.Domain.Roles;

namespace CleanApp.Application.Roles;

/// <summary>
/// The custom roles of the identity store (Identity's roles and role claims) and who has them. The built-in admin role
/// is none of them: its members are the superusers (<c>is_superuser</c>) and it holds every permission. Reads answer
/// at once; changes are saved by the unit of work, where a taken name fails with <c>DuplicateKeyException</c>. The
/// rules about names, the built-in role and who may grant what are the use cases'.
/// </summary>
public interface IRoleRepository
{
    /// <summary>Every custom role, by name.</summary>
    Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken);

    Task<Role?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>The names given that are no custom role, in the order given.</summary>
    Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);

    void Add(Role role);

    /// <summary>Gives the role exactly its permissions; false when there is no such role.</summary>
    Task<bool> ReplacePermissionsAsync(Role role, CancellationToken cancellationToken);

    /// <summary>Removes the role, and every user's membership of it; false when there is no such role.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Gives the user exactly these custom roles, and sets whether they are a superuser; false when there is no such user.</summary>
    Task<bool> SetMembershipsAsync(Guid userId, bool isSuperuser, IReadOnlyList<string> roles, CancellationToken cancellationToken);
}
