using System.Data.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Web.Health;
using CleanApp.Web.Security;
using Serilog;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace CleanApp.Web;

internal static partial class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealth();
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealth();
        return app;
    }

    /// <summary>
    /// Migrates and seeds on start when <c>MIGRATE_ON_START</c> says so: by default in Development only, so a
    /// production instance never changes its schema on its own. Reads the database settings either way, so a
    /// wrong one stops the start with its message.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var configured = app.Configuration["MIGRATE_ON_START"];
        var migrate = string.IsNullOrWhiteSpace(configured)
            ? app.Environment.IsDevelopment()
            : SettingParser.Boolean("MIGRATE_ON_START", configured);
        var database = settings.Describe();
        LogDatabase(app.Logger, database, migrate);
        if (!migrate)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>();
        try
        {
            var migrated = await maintenance.MigrateAsync(null, cancellationToken);
            foreach (var id in migrated.Applied)
            {
                LogApplied(app.Logger, id);
            }

            await maintenance.SeedAsync(cancellationToken);
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
