using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Items;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The queries every request runs, compiled once (EF Core skips translating and caching them per call). A compiled
/// query keeps the provider it first ran on, so each context type has its own.
/// </summary>
internal static class CompiledQueries
{
    public static Task<TokenUser?> TokenUserAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) => db switch
    {
        PostgresAppDbContext postgres => Of<PostgresAppDbContext>.TokenUser(postgres, id, cancellationToken),
        SqliteAppDbContext sqlite => Of<SqliteAppDbContext>.TokenUser(sqlite, id, cancellationToken),
        _ => throw new ArgumentException($"No compiled queries for {db.GetType().Name}.", nameof(db)),
    };

    public static Task<Item?> ItemAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) => db switch
    {
        PostgresAppDbContext postgres => Of<PostgresAppDbContext>.Item(postgres, id, cancellationToken),
        SqliteAppDbContext sqlite => Of<SqliteAppDbContext>.Item(sqlite, id, cancellationToken),
        _ => throw new ArgumentException($"No compiled queries for {db.GetType().Name}.", nameof(db)),
    };

    private static class Of<TContext>
        where TContext : AppDbContext
    {
        public static readonly Func<TContext, Guid, CancellationToken, Task<TokenUser?>> TokenUser = EF.CompileAsyncQuery(
            (TContext db, Guid id, CancellationToken _) => db.Users
                .Where(u => u.Id == id)
                .Select(u => new TokenUser(u.SecurityStamp, u.IsActive, u.IsSuperuser))
                .FirstOrDefault());

        public static readonly Func<TContext, Guid, CancellationToken, Task<Item?>> Item = EF.CompileAsyncQuery(
            (TContext db, Guid id, CancellationToken _) => db.Items.FirstOrDefault(i => i.Id == id));
    }
}
