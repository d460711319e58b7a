using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Identity.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The queries every request runs, compiled once (EF Core skips translating and caching them per call). A compiled
/// query keeps the provider it first ran on, so each context type has its own: each provider module uses its context's.
/// </summary>
internal static class CompiledQueries<TContext>
    where TContext : AppDbContext
{
    public static readonly Func<TContext, Guid, Guid, DateTimeOffset, CancellationToken, Task<TokenUser?>> TokenUser = EF.CompileAsyncQuery(
        (TContext db, Guid id, Guid sessionId, DateTimeOffset now, CancellationToken _) => db.Users
            .Where(u => u.Id == id)
            .Select(u => new TokenUser(
                u.IsActive,
                u.IsSuperuser,
                db.Set<UserSession>().Any(s => s.Id == sessionId && s.UserId == id && s.RevokedAt == null && s.ExpiresAt > now)))
            .FirstOrDefault());

    public static readonly Func<TContext, Guid, CancellationToken, Task<Item?>> Item = EF.CompileAsyncQuery(
        (TContext db, Guid id, CancellationToken _) => db.Items.FirstOrDefault(i => i.Id == id));
}
