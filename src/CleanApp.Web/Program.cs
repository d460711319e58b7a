using CleanApp.Application;
using CleanApp.Infrastructure;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Web;
using CleanApp.Web.Cli;
using CleanApp.Web.Configuration;
using CleanApp.Web.Logging;
using CleanApp.Web.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Events;

// `CleanApp.Web db <verb>` runs a schema command and exits; anything else starts the web server.
var dbArgs = DbCommand.Arguments(args);
try
{
    var dotEnv = DotEnvFile.Load(Path.Combine(Directory.GetCurrentDirectory(), ".env"));
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = dbArgs is null ? args : [],
        // appsettings.json comes with the app, wherever it is started from.
        ContentRootPath = AppContext.BaseDirectory,
        // ASPNETCORE_ENVIRONMENT may come from .env too; a real environment variable still wins.
        EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is null
            ? dotEnv.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")
            : null,
    });
    builder.Configuration.AddDotEnv(dotEnv);
    // LOG_FORMAT=json: one JSON object per line (with the trace and span ids of the request), for log collectors.
    var json = LogFormat.IsJson(builder.Configuration);
    builder.Services.AddSerilog((services, logger) =>
    {
        logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
        if (!json)
        {
            // The host gives every request a logging scope and an activity only for the properties and trace ids of
            // the lines logged during it; text lines show neither. (JSON lines do; OpenTelemetry starts its own.)
            logger.MinimumLevel.Override(LogFormat.HostRequestCategory, LevelAlias.Off);
        }

        if (dbArgs is null && Console.IsOutputRedirected)
        {
            // Serving to a container's or a service's log: lines go out in batches, one write per burst instead of one
            // per line (flushed when the host stops).
            logger.WriteTo.BatchedStandardOutput(LogFormat.Formatter(json));
        }
        else if (dbArgs is null)
        {
            // Serving to a terminal: requests hand their lines to a background writer instead of queueing on the
            // console's lock, and the console keeps its colours (flushed when the host stops).
            logger.WriteTo.Async(sink =>
            {
                if (json)
                {
                    sink.Console(LogFormat.Formatter(json));
                }
                else
                {
                    sink.Console();
                }
            });
        }
        else
        {
            // A db command writes as it goes, to stderr: it keeps stdout for its own report.
            logger.WriteTo.Console(LogFormat.Formatter(json), standardErrorFromLevel: LogEventLevel.Verbose);
        }
    },
        // Each host logs through its own logger, never a process-wide static one (tests run many hosts at once).
        preserveStaticLogger: true);
    CachedLoggerFactory.Decorate(builder.Services);

    builder.Services
        .AddApplication()
        .AddInfrastructure(builder.Environment.IsDevelopment())
        .AddWeb()
        .AddTelemetry(builder.Configuration)
        .LoadDataProtectionKeysOnFirstUse();

    if (WebSetup.IsGeneratingOpenApiDocument)
    {
        // The build only reads the endpoints: nothing may start, least of all anything that opens the database.
        builder.Services.RemoveAll<IHostedService>();
    }

    var app = builder.Build();
    if (dbArgs is not null)
    {
        StartupChecks.Run(app.Services, app.Environment, app.Logger, serving: false);
        return await DbCommand.RunAsync(
            app.Services, app.Environment, dbArgs, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, app.Lifetime.ApplicationStopping);
    }

    if (!WebSetup.IsGeneratingOpenApiDocument)
    {
        await app.PrepareAsync(app.Lifetime.ApplicationStopping);
    }

    app.UseWeb();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is InvalidSettingException or DatabaseUnavailableException)
{
    await Console.Error.WriteLineAsync($"CleanApp cannot start. {e.Message}");
    return 1;
}

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
