using CleanApp.Infrastructure.Persistence.Idempotency;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>A key's insert (times as UTC ticks, as the context stores them) and its answer, on the scope's context.</summary>
internal sealed class SqliteIdempotencyRows(SqliteAppDbContext db) : IIdempotencyRows
{
    public async Task<bool> TryInsertAsync(IdempotencyRecord record, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO idempotency_keys (scope, "key", fingerprint, created_at, expires_at, locked_until)
            VALUES ({record.Scope}, {record.Key}, {record.Fingerprint}, {record.CreatedAt.UtcTicks}, {record.ExpiresAt.UtcTicks}, {record.LockedUntil?.UtcTicks})
            ON CONFLICT (scope, "key") DO NOTHING
            """,
            cancellationToken) == 1;

    public Task CompleteAsync(IdempotentRequest request, StoredAnswer answer, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.Scope == request.Scope && r.Key == request.Key).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.Status, answer.Status)
                .SetProperty(r => r.ContentType, answer.ContentType)
                .SetProperty(r => r.Location, answer.Location)
                .SetProperty(r => r.ETag, answer.ETag)
                .SetProperty(r => r.Body, answer.Body)
                .SetProperty(r => r.LockedUntil, (DateTimeOffset?)null),
            cancellationToken);
}
