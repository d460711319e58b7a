using CleanApp.Infrastructure.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>How a context for either provider is configured: the running app, dotnet-ef and the tests all use this.</summary>
public static class AppDbContextFactory
{
    public static AppDbContext Create(DatabaseSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var interceptor = new CreatedAtInterceptor(timeProvider ?? TimeProvider.System);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresAppDbContext>();
            Configure(postgres, settings).AddInterceptors(interceptor);
            return new PostgresAppDbContext(postgres.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteAppDbContext>();
        Configure(sqlite, settings).AddInterceptors(interceptor);
        return new SqliteAppDbContext(sqlite.Options);
    }

    /// <summary>Configures a context for the provider; on PostgreSQL it shares <paramref name="dataSource"/>'s pool when given.</summary>
    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings, NpgsqlDataSource? dataSource = null)
    {
        _ = settings.Provider switch
        {
            DatabaseProvider.Postgres when dataSource is not null => options.UseNpgsql(dataSource),
            DatabaseProvider.Postgres => options.UseNpgsql(settings.ConnectionString),
            _ => options.UseSqlite(settings.ConnectionString),
        };
        options.UseSnakeCaseNamingConvention();
        return options;
    }

    /// <summary>The settings dotnet-ef works with: the usual ones (.env is read by the app, not here), with the provider fixed.</summary>
    internal static DatabaseSettings DesignTimeSettings(DatabaseProvider provider)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DATABASE_PROVIDER"] = provider.ToString() })
            .Build();
        return DatabaseSettings.FromConfiguration(configuration);
    }
}

/// <summary>Lets dotnet-ef build the PostgreSQL model without starting the app (no server needed to add a migration).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        (PostgresAppDbContext)AppDbContextFactory.Create(AppDbContextFactory.DesignTimeSettings(DatabaseProvider.Postgres));
}

/// <summary>Lets dotnet-ef build the SQLite model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        (SqliteAppDbContext)AppDbContextFactory.Create(AppDbContextFactory.DesignTimeSettings(DatabaseProvider.Sqlite));
}
