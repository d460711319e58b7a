using CleanApp.Infrastructure.Persistence.Outbox;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// One statement: the due messages no other instance holds (<c>SKIP LOCKED</c>), leased and counted; one for the backlog
/// (plain SQL, so an instance that writes no message never builds EF Core's model for its metrics).
/// </summary>
internal sealed class PostgresOutboxClaims(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IOutboxClaims
{
    private const string Claim = """
        WITH due AS (
            SELECT id FROM outbox_messages
            WHERE dispatched_at IS NULL AND dead_at IS NULL AND available_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
            ORDER BY available_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
        UPDATE outbox_messages m SET locked_until = $2, attempts = m.attempts + 1
        FROM due WHERE m.id = due.id
        RETURNING m.id, m.event_type, m.handler, m.payload, m.attempts, m.occurred_at
        """;

    private const string Backlog = "SELECT count(*)::integer, min(occurred_at) FROM outbox_messages WHERE dispatched_at IS NULL AND dead_at IS NULL";

    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return claimed;
    }

    public async Task<(int Pending, TimeSpan OldestPending)> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Backlog);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.IsDBNull(1) ? TimeSpan.Zero : timeProvider.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1));
    }
}
