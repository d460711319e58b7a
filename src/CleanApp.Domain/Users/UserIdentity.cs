namespace CleanApp.Domain.Users;

/// <summary>
/// Who is acting: the part of a user every access rule needs, the sign-in session they act in, their custom roles and
/// the permissions those grant (names from the application's catalog). A superuser holds every permission.
/// </summary>
public sealed record UserIdentity(
    Guid Id, bool IsSuperuser, bool IsActive = true, Guid? SessionId = null, IReadOnlyCollection<string>? Permissions = null, IReadOnlyCollection<string>? Roles = null)
{
    /// <summary>Whether the user may do what the permission names: superusers may do everything.</summary>
    public bool Has(string permission) => IsSuperuser || (Permissions?.Contains(permission, StringComparer.Ordinal) ?? false);

    /// <summary>
    /// The permissions among <paramref name="permissions"/> this actor does not hold (none for a superuser). No permission
    /// reaches beyond its holder: an actor may act on an account, create or change a role, or give one, only when this is
    /// empty for the account's or the role's permissions (Kubernetes RBAC's rule against escalation).
    /// </summary>
    public IReadOnlyList<string> Lacking(IEnumerable<string> permissions) =>
        IsSuperuser ? [] : [.. permissions.Where(p => !Has(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Whether this actor may act on an account (change it, set its password, mail its recovery link, revoke its sessions,
    /// change its roles, delete it): a superuser's only a superuser; any other only when the actor holds every permission
    /// the account holds.
    /// </summary>
    public bool Reaches(bool accountIsSuperuser, IEnumerable<string> accountPermissions) =>
        IsSuperuser || (!accountIsSuperuser && Lacking(accountPermissions).Count == 0);
}
