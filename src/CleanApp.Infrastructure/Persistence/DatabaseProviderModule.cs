using CleanApp.Application.Auth;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Persistence.Idempotency;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Outbox;
using CleanApp.Infrastructure.Persistence.Postgres;
using CleanApp.Infrastructure.Persistence.Sqlite;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// Everything that differs between the two databases lives in one module per provider (Persistence/Postgres,
/// Persistence/Sqlite). The module itself says how a context is configured and where the data is; what else differs is
/// a port of its own (a store, the outbox's claims, the job lock, administration, backups, error classification), which
/// each module registers under its provider's key and the app resolves as the configured provider's
/// (<see cref="AddModules"/>): a new store adds an interface and a class per module, not members here. The provider
/// setting is compared in one place, <see cref="For"/>, which the composition root calls (an architecture test holds it).
/// </summary>
public abstract class DatabaseProviderModule
{
    private protected DatabaseProviderModule(DatabaseSettings settings) => Settings = settings;

    private protected DatabaseSettings Settings { get; }

    /// <summary>
    /// Registers both modules' services, each under its provider's key, and every port as the configured provider's
    /// implementation. Only the configured one is ever built: the settings are read after registration, from the
    /// configuration the host ends up with (tests and deployments override it), so the provider is chosen when a port
    /// is first resolved.
    /// </summary>
    internal static void AddModules(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.AddSingleton(sp => For(sp.GetRequiredService<DatabaseSettings>()));
        PostgresModule.AddServices(services, configure);
        SqliteModule.AddServices(services, configure);
        services.AddScoped<ItemQueries>();
        services.AddScoped<ItemRepository>();

        Provided<AppDbContext>(services, ServiceLifetime.Scoped);
        Provided<IItemQueries>(services, ServiceLifetime.Scoped);
        Provided<IItemRepository>(services, ServiceLifetime.Scoped);
        Provided<ITokenUsers>(services, ServiceLifetime.Scoped);
        Provided<IThrottles>(services, ServiceLifetime.Scoped);
        Provided<RateLimitStore>(services, ServiceLifetime.Singleton);
        Provided<IOutboxClaims>(services, ServiceLifetime.Scoped);
        Provided<IIdempotencyRows>(services, ServiceLifetime.Scoped);
        Provided<IJobLock>(services, ServiceLifetime.Singleton);
        Provided<IDatabaseAdministration>(services, ServiceLifetime.Singleton);
        Provided<IBackupMethod>(services, ServiceLifetime.Singleton);
        Provided<DatabaseErrors>(services, ServiceLifetime.Singleton);
        services.AddSingleton<IFaultClassifier>(sp => sp.GetRequiredService<DatabaseErrors>());
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

    /// <summary>The port as the configured provider's module registered it (under its <see cref="DatabaseProvider"/> key).</summary>
    private static void Provided<TPort>(IServiceCollection services, ServiceLifetime lifetime)
        where TPort : class =>
        services.Add(new ServiceDescriptor(typeof(TPort), sp => sp.GetRequiredKeyedService<TPort>(sp.GetRequiredService<DatabaseSettings>().Provider), lifetime));
}
