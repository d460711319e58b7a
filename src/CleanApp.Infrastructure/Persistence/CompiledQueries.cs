using CleanApp.Domain.Items;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>An item of a page, with its owner's item count.</summary>
public sealed record CountedItem(long Count, Item Item);

/// <summary>What the per-request check of a bearer token needs to know about its user.</summary>
public sealed record TokenUser(string? SecurityStamp, bool IsActive, bool IsSuperuser);

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

    /// <summary>
    /// One owner's count and page in one round trip (PostgreSQL): a row per item of the page, each carrying the count
    /// (a lateral join of the page to the owner's count row); no row at all when the owner has no items. Flat rows,
    /// not a collection in a projection: EF Core materializes those without building delegates per call.
    /// </summary>
    public static IAsyncEnumerable<CountedItem> OwnerPage(PostgresAppDbContext db, Guid ownerId, int skip, int limit) =>
        Of<PostgresAppDbContext>.OwnerPage(db, ownerId, skip, limit);

    /// <summary>As <see cref="OwnerPage"/>, starting strictly after an entry (the keyset cursor).</summary>
    public static IAsyncEnumerable<CountedItem> OwnerPageAfter(
        PostgresAppDbContext db, Guid ownerId, DateTimeOffset afterAt, Guid afterId, int skip, int limit) =>
        Of<PostgresAppDbContext>.OwnerPageAfter(db, ownerId, afterAt, afterId, skip, limit);

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

        public static readonly Func<TContext, Guid, int, int, IAsyncEnumerable<CountedItem>> OwnerPage = EF.CompileAsyncQuery(
            (TContext db, Guid ownerId, int skip, int limit) => db.ItemCounts
                .Where(c => c.OwnerId == ownerId)
                .SelectMany(c => db.Items
                    .Where(i => i.OwnerId == ownerId)
                    .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
                    .Skip(skip).Take(limit), (c, i) => new CountedItem(c.Count, i))
                .AsNoTracking());

        public static readonly Func<TContext, Guid, DateTimeOffset, Guid, int, int, IAsyncEnumerable<CountedItem>> OwnerPageAfter = EF.CompileAsyncQuery(
            (TContext db, Guid ownerId, DateTimeOffset afterAt, Guid afterId, int skip, int limit) => db.ItemCounts
                .Where(c => c.OwnerId == ownerId)
                .SelectMany(c => db.Items
                    .Where(i => i.OwnerId == ownerId)
                    .Where(i => i.CreatedAt < afterAt || (i.CreatedAt == afterAt && i.Id.CompareTo(afterId) < 0))
                    .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
                    .Skip(skip).Take(limit), (c, i) => new CountedItem(c.Count, i))
                .AsNoTracking());
    }
}
