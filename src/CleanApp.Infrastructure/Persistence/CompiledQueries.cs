using CleanApp.Application.Auth;
using CleanApp.Domain.Items;
using CleanApp.Domain.Sessions;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The queries every request runs, compiled once (EF Core skips translating and caching them per call). A compiled
/// query keeps the provider it first ran on, so each context type has its own: each provider module uses its context's.
/// </summary>
internal static class CompiledQueries<TContext>
    where TContext : AppDbContext
{
    private static readonly string[] None = [];

    /// <summary>The token's user and session (the user's roles and permissions: Identity's Grants).</summary>
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

    public static readonly Func<TContext, Guid, CancellationToken, Task<Item?>> Item = EF.CompileAsyncQuery(
        (TContext db, Guid id, CancellationToken _) => db.Items.FirstOrDefault(i => i.Id == id));

    /// <summary>The queries code holding an <see cref="AppDbContext"/> runs (<see cref="AppDbContext.Compiled"/>).</summary>
    public static readonly CompiledQueries Untyped = new((db, id, cancellationToken) => Item((TContext)db, id, cancellationToken));
}

/// <summary>This context type's compiled queries, for code that holds an <see cref="AppDbContext"/>.</summary>
internal sealed record CompiledQueries(Func<AppDbContext, Guid, CancellationToken, Task<Item?>> Item);

