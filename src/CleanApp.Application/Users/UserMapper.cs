using CleanApp.Domain.Users;

namespace CleanApp.Application.Users;

internal static class UserMapper
{
    /// <summary>
    /// The account with its roles: a superuser is a member of the built-in admin role and holds every permission; other
    /// users hold what their custom roles grant (names the catalog no longer has are left out).
    /// </summary>
    public static UserDto ToDto(this UserAccount account, GrantedRoles granted) => new(
        account.Id, account.Email, account.FullName, account.IsActive, account.IsSuperuser, account.EmailVerified, account.MfaEnabled, account.CreatedAt, account.CreatedBy,
        account.UpdatedAt, account.UpdatedBy, account.Version,
        account.IsSuperuser ? [PermissionCatalog.AdminRole, .. granted.Roles] : granted.Roles,
        account.IsSuperuser ? PermissionCatalog.Names : [.. granted.Permissions.Where(PermissionCatalog.Contains)]);

    /// <summary>The caller's custom roles and permissions, as read with their token on this request: no read of its own.</summary>
    public static GrantedRoles Granted(this UserIdentity caller) => GrantedRoles.Of(caller.Roles ?? [], caller.Permissions ?? []);

    /// <summary>The account with the roles the store has for it (one read).</summary>
    public static async Task<UserDto> ToDtoAsync(this UserAccount account, IUserQueries users, CancellationToken cancellationToken)
    {
        var granted = await users.GrantsAsync([account.Id], cancellationToken);
        return account.ToDto(granted.GetValueOrDefault(account.Id, GrantedRoles.None));
    }
}
