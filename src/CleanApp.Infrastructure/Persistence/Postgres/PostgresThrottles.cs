using CleanApp.Application.Auth;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// Cooldowns and failure counts in <c>throttles</c>, one statement a call on the app's data source: an upsert decides
/// atomically, so instances racing for one key never both start its cooldown.
/// </summary>
internal sealed class PostgresThrottles(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IThrottles
{
    private const string StartCooldown = """
        INSERT INTO throttles (key, hits, until_ticks) VALUES ($1, 1, $2)
        ON CONFLICT (key) DO UPDATE SET hits = 1, until_ticks = excluded.until_ticks WHERE throttles.until_ticks <= $3
        RETURNING hits
        """;

    private const string Count = """
        INSERT INTO throttles (key, hits, until_ticks) VALUES ($1, 1, $2)
        ON CONFLICT (key) DO UPDATE
        SET hits = CASE WHEN throttles.until_ticks <= $3 THEN 1 ELSE throttles.hits + 1 END, until_ticks = excluded.until_ticks
        RETURNING hits, until_ticks
        """;

    private const string Read = "SELECT hits, until_ticks FROM throttles WHERE key = $1 AND until_ticks > $2";

    private const string Clear = "DELETE FROM throttles WHERE key = $1";

    public async Task<bool> TryStartCooldownAsync(string key, TimeSpan period, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        await using var command = dataSource.CreateCommand(StartCooldown);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Throttle.Stored(key) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now + period.Ticks });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public Task<ThrottleCount> ReadAsync(string key, CancellationToken cancellationToken) =>
        QueryAsync(Read, Throttle.Stored(key), [timeProvider.GetUtcNow().UtcTicks], cancellationToken);

    public Task<ThrottleCount> CountAsync(string key, TimeSpan lapseAfter, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        return QueryAsync(Count, Throttle.Stored(key), [now + lapseAfter.Ticks, now], cancellationToken);
    }

    public async Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Clear);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Throttle.Stored(key) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<ThrottleCount> QueryAsync(string sql, string key, long[] ticks, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        foreach (var value in ticks)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ThrottleCount(reader.GetInt32(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero))
            : default;
    }
}
