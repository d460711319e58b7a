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
}
