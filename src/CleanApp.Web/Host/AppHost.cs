using CleanApp.Application;
using CleanApp.Infrastructure;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Web.Host.Cli;
using CleanApp.Web.Host.Logging;
using CleanApp.Web.Host.Telemetry;

namespace CleanApp.Web.Host;

/// <summary>
/// The composition root: the one place that knows every layer. It builds the host all run modes share (settings from
/// appsettings.json, .env and the environment; logging; the Application's, Infrastructure's and Web's services), then
/// runs the mode the command line asks for: a <c>db</c> verb (<see cref="DbCommand"/>), the build's OpenAPI pass
/// (<see cref="OpenApiBuild"/>) or serving (<see cref="ServeMode"/>). Web outside Program.cs and this folder uses
/// Application ports, never Infrastructure types (an architecture test holds it).
/// </summary>
internal static class AppHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        // `CleanApp.Web db <verb>` runs a schema command and exits; anything else starts the web server.
        var dbArgs = DbCommand.Arguments(args);
        try
        {
            var builder = CreateBuilder(dbArgs is null ? args : []);
            builder.AddHostLogging(serving: dbArgs is null);
            builder.Services
                .AddApplication()
                .AddInfrastructure(builder.Environment.IsDevelopment())
                .AddWeb()
                .AddTelemetry(builder.Configuration)
                .LoadDataProtectionKeysOnFirstUse();
            OpenApiBuild.StartNothing(builder.Services);

            var app = builder.Build();
            if (dbArgs is null)
            {
                return await ServeMode.RunAsync(app);
            }

            StartupChecks.Run(app.Services, app.Environment, app.Logger, serving: false);
            return await DbCommand.RunAsync(
                app.Services, app.Environment, dbArgs, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, app.Lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is InvalidSettingException or DatabaseUnavailableException)
        {
            await Console.Error.WriteLineAsync($"CleanApp cannot start. {e.Message}");
            return 1;
        }
    }

    private static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var dotEnv = DotEnvFile.Load(Path.Combine(Directory.GetCurrentDirectory(), ".env"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json comes with the app, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
            // ASPNETCORE_ENVIRONMENT may come from .env too; a real environment variable still wins.
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is null
                ? dotEnv.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")
                : null,
        });
        builder.Configuration.AddDotEnv(dotEnv);
        return builder;
    }
}
