using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// The counters in PostgreSQL (an unlogged table, one upsert per request: one round trip), on the app's data source
/// (the pool EF Core and the hot reads use).
/// </summary>
internal sealed partial class PostgresRateLimitCounter(NpgsqlDataSource dataSource, PostgresErrors errors, TimeProvider timeProvider, ILogger<PostgresRateLimitCounter> logger)
    : ISharedRateLimitCounter
{
    private const string Increment = """
        INSERT INTO rate_limit_counters (partition_key, window_start, count) VALUES ($1, $2, 1)
        ON CONFLICT (partition_key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
        RETURNING count
        """;

    // Windows older than this are gone for good; removed now and then, by whichever request comes first.
    private const string Prune = "DELETE FROM rate_limit_counters WHERE window_start < $1";

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private long nextPrune;

    public async ValueTask<long?> IncrementAsync(string partition, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await PruneNowAndThenAsync(connection, windowStart, cancellationToken);
            await using var command = new NpgsqlCommand(Increment, connection) { Parameters = { new() { Value = partition }, new() { Value = windowStart } } };
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (errors.IsTransient(e) || e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
        {
            LogUnavailable(logger, e.Message);
            return null;
        }
    }

    private async Task PruneNowAndThenAsync(NpgsqlConnection connection, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref nextPrune);
        if (now < due || Interlocked.CompareExchange(ref nextPrune, now + PruneEvery.Ticks, due) != due)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Prune, connection) { Parameters = { new() { Value = windowStart } } };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared rate-limit counters cannot be reached; letting the request through: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
