using System.Data.Common;
using CleanApp.Application.Auth;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>Cooldowns and failure counts in <c>throttles</c>, one statement a call on the scope's context's connection.</summary>
internal sealed class SqliteThrottles(SqliteAppDbContext db, TimeProvider timeProvider) : IThrottles
{
    private const string StartCooldown = """
        INSERT INTO throttles ("key", hits, until_ticks) VALUES (@key, 1, @until)
        ON CONFLICT ("key") DO UPDATE SET hits = 1, until_ticks = excluded.until_ticks WHERE throttles.until_ticks <= @now
        RETURNING hits, until_ticks
        """;

    private const string Count = """
        INSERT INTO throttles ("key", hits, until_ticks) VALUES (@key, 1, @until)
        ON CONFLICT ("key") DO UPDATE
        SET hits = CASE WHEN throttles.until_ticks <= @now THEN 1 ELSE throttles.hits + 1 END, until_ticks = excluded.until_ticks
        RETURNING hits, until_ticks
        """;

    private const string Read = """SELECT hits, until_ticks FROM throttles WHERE "key" = @key AND until_ticks > @now""";

    private const string Clear = """DELETE FROM throttles WHERE "key" = @key""";

    public async Task<bool> TryStartCooldownAsync(string key, TimeSpan period, CancellationToken cancellationToken) =>
        (await RunAsync(StartCooldown, key, period, cancellationToken)).Count > 0;

    public Task<ThrottleCount> ReadAsync(string key, CancellationToken cancellationToken) => RunAsync(Read, key, TimeSpan.Zero, cancellationToken);

    public Task<ThrottleCount> CountAsync(string key, TimeSpan lapseAfter, CancellationToken cancellationToken) => RunAsync(Count, key, lapseAfter, cancellationToken);

    public Task ClearAsync(string key, CancellationToken cancellationToken) => RunAsync(Clear, key, TimeSpan.Zero, cancellationToken);

    private async Task<ThrottleCount> RunAsync(string sql, string key, TimeSpan period, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            Add(command, "@key", Throttle.Stored(key));
            Add(command, "@until", now + period.Ticks);
            Add(command, "@now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new ThrottleCount(reader.GetInt32(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero))
                : default;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
