using CleanApp.Application.Auth;
using CleanApp.Application.Common.Security;
using CleanApp.Domain.Items;
using CleanApp.Domain.Sessions;
using CleanApp.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The queries every request runs, compiled once (EF Core skips translating and caching them per call). A compiled
/// query keeps the provider it first ran on, so each context type has its own: each provider module uses its context's.
/// </summary>
internal static class CompiledQueries<TContext>
    where TContext : AppDbContext
{
    private static readonly string[] None = [];

    /// <summary>The token's user and session (the user's roles and permissions are <see cref="Grants"/>: SQLite cannot read both in one).</summary>
    public static readonly Func<TContext, Guid, Guid, DateTimeOffset, CancellationToken, Task<TokenUser?>> TokenUser = EF.CompileAsyncQuery(
        (TContext db, Guid id, Guid sessionId, DateTimeOffset now, CancellationToken _) => db.Users
            .Where(u => u.Id == id)
            .Select(u => new TokenUser(
                u.IsActive,
                u.IsSuperuser,
                db.Set<Session>().Any(s => s.Id == sessionId && s.UserId == id && s.RevokedAt == null && s.ExpiresAt > now),
                None,
                None))
            .FirstOrDefault());

    /// <summary>The user's custom roles, each with a permission it grants (one row a permission; null for a role with none).</summary>
    public static readonly Func<TContext, Guid, IAsyncEnumerable<RoleGrant>> Grants = EF.CompileAsyncQuery(
        (TContext db, Guid id) =>
            from membership in db.Set<IdentityUserRole<Guid>>()
            where membership.UserId == id
            join role in db.Set<IdentityRole<Guid>>() on membership.RoleId equals role.Id
            where role.NormalizedName != RoleStore.AdminNormalizedName
            from claim in db.Set<IdentityRoleClaim<Guid>>().Where(c => c.RoleId == role.Id && c.ClaimType == PermissionCatalog.ClaimType).DefaultIfEmpty()
            select new RoleGrant(role.Name!, claim == null ? null : claim.ClaimValue));

    public static readonly Func<TContext, Guid, CancellationToken, Task<Item?>> Item = EF.CompileAsyncQuery(
        (TContext db, Guid id, CancellationToken _) => db.Items.FirstOrDefault(i => i.Id == id));

    /// <summary>The queries code holding an <see cref="AppDbContext"/> runs (<see cref="AppDbContext.Compiled"/>).</summary>
    public static readonly CompiledQueries Untyped = new((db, id, cancellationToken) => Item((TContext)db, id, cancellationToken));
}

/// <summary>This context type's compiled queries, for code that holds an <see cref="AppDbContext"/>.</summary>
internal sealed record CompiledQueries(Func<AppDbContext, Guid, CancellationToken, Task<Item?>> Item);

/// <summary>A custom role of a user and one permission it grants (none: null).</summary>
internal sealed record RoleGrant(string Role, string? Permission);
