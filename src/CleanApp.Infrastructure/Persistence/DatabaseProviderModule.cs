using CleanApp.Application.Auth;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Postgres;
using CleanApp.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// Everything that differs between the two databases, one module per provider (Persistence/Postgres,
/// Persistence/Sqlite): how a context is configured and rented, the hot reads, where rate limits are counted, throttles, the
/// connectivity probe, creating the database, the schema lock, table checks and backups. The provider setting is
/// compared in one place, <see cref="For"/>, which the composition root calls (an architecture test holds it).
/// </summary>
public abstract class DatabaseProviderModule
{
    private protected DatabaseProviderModule(DatabaseSettings settings) => Settings = settings;

    private protected DatabaseSettings Settings { get; }

    /// <summary>
    /// Registers what each module builds on (its context pool, its data source, its stores). Both are registered and
    /// only the configured one is ever built: the settings are read after registration, from the configuration the
    /// host ends up with (tests and deployments override it), so the module is chosen when first resolved.
    /// </summary>
    internal static void AddModules(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.AddSingleton(sp => For(sp.GetRequiredService<DatabaseSettings>()));
        PostgresModule.AddServices(services, configure);
        SqliteModule.AddServices(services, configure);
        services.AddScoped(sp => sp.GetRequiredService<DatabaseProviderModule>().RentContext(sp));
        services.AddScoped<ItemQueries>();
        services.AddScoped(sp => sp.GetRequiredService<DatabaseProviderModule>().ItemQueries(sp));
        services.AddScoped(sp => sp.GetRequiredService<DatabaseProviderModule>().TokenUsers(sp));
        services.AddSingleton(sp => sp.GetRequiredService<DatabaseProviderModule>().RateLimitStore(sp));
        services.AddScoped(sp => sp.GetRequiredService<DatabaseProviderModule>().Throttles(sp));
    }

    /// <summary>The module of the configured provider: the one place the provider setting is compared.</summary>
    public static DatabaseProviderModule For(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider == DatabaseProvider.Postgres ? new PostgresModule(settings) : new SqliteModule(settings);
    }

    /// <summary>Where the data lives, for messages: never includes the password.</summary>
    public abstract string Describe();

    /// <summary>The settings only this provider reads that hold a secret (checked for the placeholder at start).</summary>
    public abstract IReadOnlyList<string> SecretSettings { get; }

    /// <summary>A context of this provider, unpooled (the tools, dotnet-ef and the tests).</summary>
    public abstract AppDbContext CreateContext(TimeProvider? timeProvider = null);

    /// <summary>Configures a context for this provider; with <paramref name="services"/>, on the app's shared pool where it has one.</summary>
    internal abstract DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, IServiceProvider? services = null);

    /// <summary>A context rented from this provider's pool for the current scope.</summary>
    internal abstract AppDbContext RentContext(IServiceProvider services);

    /// <summary>An item by id, to change: this provider's compiled query on the scope's context.</summary>
    internal abstract Task<Domain.Items.Item?> FindItemAsync(AppDbContext db, Guid id, CancellationToken cancellationToken);

    /// <summary>Lists of items, answered as DTOs with their exact count.</summary>
    internal abstract IItemQueries ItemQueries(IServiceProvider services);

    /// <summary>The per-request read of a token's user.</summary>
    internal abstract ITokenUsers TokenUsers(IServiceProvider services);

    /// <summary>Where rate limits are counted: shared by every instance, or in this process.</summary>
    internal abstract RateLimitStore RateLimitStore(IServiceProvider services);

    /// <summary>Cooldowns and failure counts (the <c>throttles</c> table), one atomic statement a call.</summary>
    internal abstract IThrottles Throttles(IServiceProvider services);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due outbox messages for this instance until <paramref name="leaseUntil"/>
    /// (counting an attempt for each): none that another instance holds, none twice.
    /// </summary>
    internal abstract Task<IReadOnlyList<Outbox.ClaimedMessage>> ClaimOutboxAsync(
        IServiceProvider services, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> unless another instance is running the job of that name right now (then skips it
    /// and answers false): periodic work that one instance at a time is enough for.
    /// </summary>
    internal abstract Task<bool> RunAloneAsync(IServiceProvider services, string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken);

    /// <summary>Whether the server answers and the database exists; a problem that waiting cannot fix throws.</summary>
    internal abstract Task<(bool Reachable, bool Exists, string Problem)> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Creates the database if this provider needs it created before migrating (a server's database).</summary>
    internal abstract Task EnsureDatabaseExistsAsync(AppDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>Removes a migration lock of EF Core's that an interrupted migrator left behind; answers when it was taken, if one was.</summary>
    internal abstract Task<string?> ReleaseLeftoverMigrationLockAsync(AppDbContext db, Func<string, Task<bool>> tableExists, CancellationToken cancellationToken);

    /// <summary>The query that tells whether a table exists, with its one parameter's value.</summary>
    internal abstract (string Sql, object Table) TableExistsQuery(string table);

    /// <summary>One schema changer at a time per database, across processes and machines (see the modules).</summary>
    internal abstract Task<IAsyncDisposable> AcquireSchemaLockAsync(IProgress<string>? progress, CancellationToken cancellationToken);

    /// <summary>The database's name and a backup file's extension, for backup file names.</summary>
    internal abstract (string Name, string Extension) BackupNaming { get; }

    /// <summary>Writes a backup of the whole database to <paramref name="file"/>, a new file.</summary>
    internal abstract Task BackupAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken);

    /// <summary>Replaces the whole database with the backup in <paramref name="file"/>.</summary>
    internal abstract Task RestoreAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken);
}
