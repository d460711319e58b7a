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
