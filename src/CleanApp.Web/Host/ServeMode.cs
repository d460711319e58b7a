using System.Data.Common;
using CleanApp.Infrastructure.Persistence.Maintenance;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace CleanApp.Web.Host;

/// <summary>The run mode that serves the API: checks the settings, migrates and seeds if asked to, then serves until stopped.</summary>
internal static partial class ServeMode
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        if (!OpenApiBuild.IsRunning)
        {
            await app.PrepareAsync(app.Lifetime.ApplicationStopping);
        }

        app.UseWeb();
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// Migrates and seeds on start when <c>MIGRATE_ON_START</c> says so: by default in Development only, so a
    /// production instance never changes its schema on its own. Checks every setting first.
    /// </summary>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        StartupChecks.Run(app.Services, app.Environment, app.Logger, serving: true);
        var migrate = app.Services.GetRequiredService<StartupSettings>().MigrateOnStart;
        var database = app.Services.GetRequiredService<DatabaseSettings>().Describe();
        LogDatabase(app.Logger, database, migrate);
        if (!migrate)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>();
        try
        {
            var migrated = await maintenance.MigrateAsync(null, backup: false, null, cancellationToken);
            foreach (var id in migrated.Applied)
            {
                LogApplied(app.Logger, id);
            }

            await maintenance.SeedAsync(null, cancellationToken);
        }
        catch (DbException e)
        {
            throw new DatabaseUnavailableException(
                $"Migrating the {maintenance.Target} on start failed: {e.Message} Check the database settings, or set MIGRATE_ON_START=false.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the {Database}; migrate and seed on start: {MigrateOnStart}")]
    private static partial void LogDatabase(ILogger logger, string database, bool migrateOnStart);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {MigrationId}")]
    private static partial void LogApplied(ILogger logger, string migrationId);
}
