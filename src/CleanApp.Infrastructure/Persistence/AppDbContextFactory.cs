using CleanApp.Infrastructure.Configuration;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>How a context for either provider is configured: the running app, dotnet-ef and the tests all use this.</summary>
public static class AppDbContextFactory
{
    public static AppDbContext Create(DatabaseSettings settings, TimeProvider? timeProvider = null) =>
        DatabaseProviderModule.For(settings).CreateContext(timeProvider);

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
