namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>The model on PostgreSQL, with the shared rate-limit counters; migrations in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    internal override CompiledQueries Compiled => CompiledQueries<PostgresAppDbContext>.Untyped;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        RateLimitCounter.Configure(builder);
    }
}
