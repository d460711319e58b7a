namespace CleanApp.Domain.Users;

/// <summary>
/// Who is acting: the part of a user every access rule needs, the sign-in session they act in, and the permissions
/// their roles grant (names from the application's catalog). A superuser holds every permission.
/// </summary>
public sealed record UserIdentity(Guid Id, bool IsSuperuser, bool IsActive = true, Guid? SessionId = null, IReadOnlyCollection<string>? Permissions = null)
{
    /// <summary>Whether the user may do what the permission names: superusers may do everything.</summary>
    public bool Has(string permission) => IsSuperuser || (Permissions?.Contains(permission, StringComparer.Ordinal) ?? false);
}
