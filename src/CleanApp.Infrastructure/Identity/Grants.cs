using CleanApp.Application.Common.Security;
using CleanApp.Infrastructure.Persistence;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// The one query shape of what users are granted: a row per (user, custom role, permission the role grants), the
/// permission null for a role that grants none; the built-in admin role is never one of them (its members are the
/// superusers). Every EF Core read of a user's roles and permissions composes it; PostgreSQL's per-request token read
/// spells the same in SQL once (Postgres/PostgresReads).
/// </summary>
internal static class Grants
{
    public static IQueryable<UserGrant> Rows(AppDbContext db) =>
        from membership in db.UserRoles
        join role in db.Roles on membership.RoleId equals role.Id
        where role.NormalizedName != RoleRepository.AdminNormalizedName
        from claim in db.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimType == PermissionCatalog.ClaimType).DefaultIfEmpty()
        select new UserGrant { UserId = membership.UserId, Role = role.Name!, Permission = claim == null ? null : claim.ClaimValue };

    /// <summary>The roles and permissions of these rows, sorted and once each.</summary>
    public static GrantedRoles Of(IEnumerable<UserGrant> rows) =>
        GrantedRoles.Of(rows.Select(g => g.Role), rows.Select(g => g.Permission));
}

/// <summary>A custom role a user has and one permission it grants (none: null). Init-only, so queries can filter on it.</summary>
internal sealed record UserGrant
{
    public Guid UserId { get; init; }

    public required string Role { get; init; }

    public string? Permission { get; init; }
}
