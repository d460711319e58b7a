using CleanApp.Infrastructure.Persistence.Idempotency;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>A key's insert and its answer, one statement each on the app's data source.</summary>
internal sealed class PostgresIdempotencyRows(NpgsqlDataSource dataSource) : IIdempotencyRows
{
    private const string Insert = """
        INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, expires_at, locked_until) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (scope, key) DO NOTHING
        """;

    private const string Complete = """
        UPDATE idempotency_keys SET status = $3, content_type = $4, location = $5, etag = $6, body = $7, locked_until = NULL
        WHERE scope = $1 AND key = $2
        """;

    public async Task<bool> TryInsertAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Scope });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Key });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = record.Fingerprint });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.ExpiresAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = record.LockedUntil });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task CompleteAsync(IdempotentRequest request, StoredAnswer answer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Complete);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Scope });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Key });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = answer.Status });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = answer.ContentType });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = answer.Location });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = answer.ETag });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = answer.Body });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
