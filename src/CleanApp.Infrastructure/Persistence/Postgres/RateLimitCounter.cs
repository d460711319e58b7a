namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// One client's requests in one fixed window, shared by every instance (ADR 0010). Only on PostgreSQL (SQLite counts in
/// memory: one process), and only written by <see cref="PostgresRateLimitCounter"/>, one statement per request; in the
/// model so that the migrations and the model agree on every table the app touches.
/// </summary>
internal sealed class RateLimitCounter
{
    public required string PartitionKey { get; init; }

    public DateTimeOffset WindowStart { get; init; }

    public int Count { get; init; }

    /// <summary>Unlogged: no WAL for a counter that matters for a minute (a crash resets the budgets).</summary>
    internal static void Configure(ModelBuilder builder) => builder.Entity<RateLimitCounter>(counter =>
    {
        counter.ToTable("rate_limit_counters").IsUnlogged();
        counter.HasKey(c => new { c.PartitionKey, c.WindowStart });
    });
}
