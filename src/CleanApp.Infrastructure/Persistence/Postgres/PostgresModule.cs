using CleanApp.Application.Auth;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Persistence.Idempotency;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Outbox;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// PostgreSQL: one data source (one connection pool) for EF Core, the plain-SQL hot reads, the shared rate-limit
/// counters and the outbox's claims; advisory locks for schema changes and periodic jobs; pg_dump and pg_restore for
/// backups.
/// </summary>
internal sealed class PostgresModule(DatabaseSettings settings) : DatabaseProviderModule(settings)
{
    private const DatabaseProvider Key = DatabaseProvider.Postgres;

    public override string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(Settings.ConnectionString);
        return $"PostgreSQL database '{builder.Database}' at {builder.Host}:{builder.Port} (user '{builder.Username}')";
    }

    public override IReadOnlyList<string> SecretSettings => ["POSTGRES_PASSWORD"];

    public override AppDbContext CreateContext(TimeProvider? timeProvider = null)
    {
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        Configure(options).AddInterceptors(new AuditInterceptor(timeProvider ?? TimeProvider.System, new NoWriteConditions()));
        return new PostgresAppDbContext(options.Options);
    }

    internal override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, IServiceProvider? services = null)
    {
        _ = services is null ? options.UseNpgsql(Settings.ConnectionString) : options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>());
        return options.UseSnakeCaseNamingConvention();
    }

    /// <summary>This provider's implementation of each port, under its key; one data source for all of them.</summary>
    internal static void AddServices(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddDbContextPool<PostgresAppDbContext>(configure);
        services.AddSingleton<PostgresReads>();
        services.AddSingleton<PostgresRateLimitCounter>();
        services.AddSingleton<PostgresErrors>();

        services.AddKeyedScoped<AppDbContext>(Key, (sp, _) => sp.GetRequiredService<PostgresAppDbContext>());
        services.AddKeyedScoped<IItemQueries, PostgresItemQueries>(Key);
        services.AddKeyedScoped<IItemRepository, PostgresItemRepository>(Key);
        services.AddKeyedSingleton<ITokenUsers>(Key, (sp, _) => sp.GetRequiredService<PostgresReads>());
        services.AddKeyedSingleton<IThrottles, PostgresThrottles>(Key);
        // Counted in the database: one budget for all instances (ADR 0010).
        services.AddKeyedSingleton(Key, (sp, _) => new RateLimitStore(sp.GetRequiredService<PostgresRateLimitCounter>()));
        services.AddKeyedSingleton<IOutboxClaims, PostgresOutboxClaims>(Key);
        services.AddKeyedSingleton<IIdempotencyRows, PostgresIdempotencyRows>(Key);
        services.AddKeyedSingleton<IJobLock, PostgresJobLock>(Key);
        services.AddKeyedSingleton<IDatabaseAdministration, PostgresAdministration>(Key);
        services.AddKeyedSingleton<IBackupMethod, PostgresBackups>(Key);
        services.AddKeyedSingleton<DatabaseErrors>(Key, (sp, _) => sp.GetRequiredService<PostgresErrors>());
    }
}
