using CleanApp.Application.Auth;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Persistence.Idempotency;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Outbox;
using Microsoft.Data.Sqlite;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite, one process owning a file: every read through EF Core, rate limits counted in memory, periodic jobs run
/// without a lock, a lock file beside the database for schema changes, SQLite's online backup for backups.
/// </summary>
internal sealed class SqliteModule(DatabaseSettings settings) : DatabaseProviderModule(settings)
{
    private const DatabaseProvider Key = DatabaseProvider.Sqlite;

    public override string Describe() => $"SQLite database at {Path}";

    public override IReadOnlyList<string> SecretSettings => [];

    private string Path => new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;

    public override AppDbContext CreateContext(TimeProvider? timeProvider = null)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        Configure(options).AddInterceptors(new AuditInterceptor(timeProvider ?? TimeProvider.System, new NoWriteConditions()));
        return new SqliteAppDbContext(options.Options);
    }

    internal override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, IServiceProvider? services = null) =>
        options.UseSqlite(Settings.ConnectionString).UseSnakeCaseNamingConvention().AddInterceptors(SqliteBusyTimeout.Instance);

    /// <summary>This provider's implementation of each port, under its key; a context pool on the file.</summary>
    internal static void AddServices(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.AddDbContextPool<SqliteAppDbContext>(configure);
        services.AddSingleton<SqliteErrors>();

        services.AddKeyedScoped<AppDbContext>(Key, (sp, _) => sp.GetRequiredService<SqliteAppDbContext>());
        services.AddKeyedScoped<IItemQueries>(Key, (sp, _) => sp.GetRequiredService<ItemQueries>());
        services.AddKeyedScoped<IItemRepository>(Key, (sp, _) => sp.GetRequiredService<ItemRepository>());
        services.AddKeyedScoped<ITokenUsers, SqliteTokenUsers>(Key);
        services.AddKeyedScoped<IThrottles, SqliteThrottles>(Key);
        // One process owns the file: counted in its memory.
        services.AddKeyedSingleton(Key, new RateLimitStore(Shared: null));
        services.AddKeyedScoped<IOutboxClaims, SqliteOutboxClaims>(Key);
        services.AddKeyedScoped<IIdempotencyRows, SqliteIdempotencyRows>(Key);
        services.AddKeyedSingleton<IJobLock, SqliteJobLock>(Key);
        services.AddKeyedSingleton<IDatabaseAdministration, SqliteAdministration>(Key);
        services.AddKeyedSingleton<IBackupMethod, SqliteBackups>(Key);
        services.AddKeyedSingleton<DatabaseErrors>(Key, (sp, _) => sp.GetRequiredService<SqliteErrors>());
    }
}
