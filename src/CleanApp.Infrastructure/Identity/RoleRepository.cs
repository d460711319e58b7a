using CleanApp.Application.Roles;
using CleanApp.Application.Common.Security;
using CleanApp.Domain.Roles;
using CleanApp.Infrastructure.Persistence;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// Custom roles in Identity's tables: a role is a row of <c>roles</c>, its permissions rows of <c>role_claims</c> (claim
/// type <c>permission</c>), its members rows of <c>user_roles</c>. Changes are tracked by the context and saved by the
/// unit of work; the built-in admin role's row (seeded) is never one of them.
/// </summary>
internal sealed class RoleRepository(AppDbContext db, ILookupNormalizer normalizer) : IRoleRepository
{
    /// <summary>The built-in role's name as Identity normalizes it (the plain SQL of the provider modules spells it too).</summary>
    public static readonly string AdminNormalizedName = PermissionCatalog.AdminRole.ToUpperInvariant();

    private IQueryable<IdentityRole<Guid>> Custom => db.Roles.Where(r => r.NormalizedName != AdminNormalizedName);

    /// <summary>Adds a role and its permissions to the context (saved by the caller); the seeder adds the built-in one so.</summary>
    public static IdentityRole<Guid> Add(AppDbContext db, string name, string normalizedName, IEnumerable<string> permissions)
    {
        var row = new IdentityRole<Guid>(name) { Id = Guid.CreateVersion7(), NormalizedName = normalizedName };
        db.Roles.Add(row);
        db.RoleClaims.AddRange(Claims(row.Id, permissions));
        return row;
    }

    public async Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken) =>
        await WithPermissions(Custom.AsNoTracking().OrderBy(r => r.Name)).ToListAsync(cancellationToken);

    public async Task<Role?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = Normalize(name);
        return await WithPermissions(Custom.AsNoTracking().Where(r => r.NormalizedName == normalized)).FirstOrDefaultAsync(cancellationToken);
    }

    public void Add(Role role) => Add(db, role.Name, Normalize(role.Name), role.Permissions);

    public async Task<bool> ReplacePermissionsAsync(Role role, CancellationToken cancellationToken)
    {
        var normalized = Normalize(role.Name);
        var row = await Custom.FirstOrDefaultAsync(r => r.NormalizedName == normalized, cancellationToken);
        if (row is null)
        {
            return false;
        }

        var current = await db.RoleClaims.Where(c => c.RoleId == row.Id && c.ClaimType == PermissionCatalog.ClaimType).ToListAsync(cancellationToken);
        db.RoleClaims.RemoveRange(current.Where(c => !role.Permissions.Contains(c.ClaimValue!)));
        db.RoleClaims.AddRange(Claims(row.Id, role.Permissions.Except(current.Select(c => c.ClaimValue!))));
        row.ConcurrencyStamp = Guid.NewGuid().ToString(); // Identity's stamp of the role: any change gives it a new one
        return true;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = Normalize(name);
        var row = await Custom.FirstOrDefaultAsync(r => r.NormalizedName == normalized, cancellationToken);
        if (row is not null)
        {
            db.Roles.Remove(row); // its claims and memberships go with it (the database's cascades)
        }

        return row is not null;
    }

    public async Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var normalized = names.Select(Normalize).ToList();
        var known = await Custom.Where(r => normalized.Contains(r.NormalizedName!)).Select(r => r.NormalizedName!).ToListAsync(cancellationToken);
        return [.. names.Where(n => !known.Contains(Normalize(n)))];
    }

    public async Task<bool> SetMembershipsAsync(Guid userId, bool isSuperuser, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        var normalized = roles.Select(Normalize).ToList();
        var wanted = await Custom.Where(r => normalized.Contains(r.NormalizedName!)).Select(r => r.Id).ToListAsync(cancellationToken);
        var current = await db.UserRoles.Where(ur => ur.UserId == userId).ToListAsync(cancellationToken);
        db.UserRoles.RemoveRange(current.Where(ur => !wanted.Contains(ur.RoleId)));
        db.UserRoles.AddRange(wanted.Except(current.Select(ur => ur.RoleId)).Select(roleId => new IdentityUserRole<Guid> { UserId = userId, RoleId = roleId }));
        // Whether they are a superuser is the built-in role's membership; a change of it is an edit of the account.
        user.IsSuperuser = isSuperuser;
        return true;
    }

    private IQueryable<Role> WithPermissions(IQueryable<IdentityRole<Guid>> roles) => roles.Select(r => new Role(
        r.Name!,
        db.RoleClaims.Where(c => c.RoleId == r.Id && c.ClaimType == PermissionCatalog.ClaimType).OrderBy(c => c.ClaimValue).Select(c => c.ClaimValue!).ToList()));

    private static IEnumerable<IdentityRoleClaim<Guid>> Claims(Guid roleId, IEnumerable<string> permissions) =>
        permissions.Select(p => new IdentityRoleClaim<Guid> { RoleId = roleId, ClaimType = PermissionCatalog.ClaimType, ClaimValue = p });

    private string Normalize(string name) => normalizer.NormalizeName(name);
}
