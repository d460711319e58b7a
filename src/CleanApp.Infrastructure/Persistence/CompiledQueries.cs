using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Security;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Identity.Sessions;
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
    private static readonly string[] NoPermissions = [];

    /// <summary>The token's user and session (the user's permissions are <see cref="Permissions"/>: SQLite cannot read both in one).</summary>
    public static readonly Func<TContext, Guid, Guid, DateTimeOffset, CancellationToken, Task<TokenUser?>> TokenUser = EF.CompileAsyncQuery(
        (TContext db, Guid id, Guid sessionId, DateTimeOffset now, CancellationToken _) => db.Users
            .Where(u => u.Id == id)
            .Select(u => new TokenUser(
                u.IsActive,
                u.IsSuperuser,
                db.Set<UserSession>().Any(s => s.Id == sessionId && s.UserId == id && s.RevokedAt == null && s.ExpiresAt > now),
                NoPermissions))
            .FirstOrDefault());

    /// <summary>The permissions the user's roles grant.</summary>
    public static readonly Func<TContext, Guid, IAsyncEnumerable<string>> Permissions = EF.CompileAsyncQuery(
        (TContext db, Guid id) => db.Set<IdentityUserRole<Guid>>()
            .Where(r => r.UserId == id)
            .Join(db.Set<IdentityRoleClaim<Guid>>(), r => r.RoleId, c => c.RoleId, (_, c) => c)
            .Where(c => c.ClaimType == PermissionCatalog.ClaimType)
            .Select(c => c.ClaimValue!));

    public static readonly Func<TContext, Guid, CancellationToken, Task<Item?>> Item = EF.CompileAsyncQuery(
        (TContext db, Guid id, CancellationToken _) => db.Items.FirstOrDefault(i => i.Id == id));
}
