using System.Data.Common;
using System.Reflection;
using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Web.Configuration;
using CleanApp.Web.Endpoints;
using CleanApp.Web.Errors;
using CleanApp.Web.Health;
using CleanApp.Web.Json;
using CleanApp.Web.OpenApi;
using CleanApp.Web.Security;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scalar.AspNetCore;
using Serilog;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace CleanApp.Web;

internal static partial class WebSetup
{
    /// <summary>True while the build runs the app only to write openapi.json (Microsoft.Extensions.ApiDescription.Server).</summary>
    public static bool IsGeneratingOpenApiDocument { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddSettings((settings, sp) => SecuritySettings.Read(settings, sp.GetRequiredService<IHostEnvironment>()), SettingsScope.Serving);
        services.AddSettings((settings, _) => RateLimitSettings.Read(settings), SettingsScope.Serving);
        services.AddSettings((settings, _) => ApplicationSettingsReader.Read(settings), SettingsScope.Serving);
        services.AddSettings((settings, sp) => CorsSettings.Read(settings, sp.GetRequiredService<ApplicationSettings>()), SettingsScope.Serving);
        services.AddSettings((settings, sp) => StartupSettings.Read(settings, sp.GetRequiredService<IHostEnvironment>()), SettingsScope.Serving);
        services.AddSettings((settings, _) => ProxySettings.Read(settings), SettingsScope.Serving);
        services.AddSettings((settings, _) => HttpsSettings.Read(settings), SettingsScope.Serving);
        services.AddSettings((settings, sp) => ShutdownSettings.Read(settings, sp.GetRequiredService<IHostEnvironment>()), SettingsScope.Serving);
        services.AddSettings((settings, _) => ApiJsonSettings.Read(settings), SettingsScope.Serving);
        services.AddOptions<HttpsRedirectionOptions>().Configure<HttpsSettings>((options, https) => options.HttpsPort = https.Port);

        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentUser, HttpCurrentUser>(); // reads the current request through the accessor
        services.AddScoped<IAccessTokens, JwtAccessTokens>();
        services.AddBearerAuthentication();
        services.AddAuthorization();
        services.AddRateLimits();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<CorsSettings>((options, settings) =>
            options.AddDefaultPolicy(policy => policy
                .WithOrigins([.. settings.Origins])
                .AllowAnyHeader()
                .AllowAnyMethod()));

        // A body larger than any route needs is refused with 413 before it is read (Kestrel's own default is 30 MB).
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = Api.MaxRequestBodyBytes);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Unreadable input (bad JSON, wrong types, malformed ids) reaches the exception handler as a 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOptions<JsonOptions>().Configure<ApiJsonSettings>((options, json) => JsonSetup.ConfigureApi(options.SerializerOptions, json.Naming));
        services.AddApiDocument();
        services.AddHealth();
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // Behind a trusted proxy, the client is the one it names: rate limits and logs see the real client, and the
        // scheme the client used (FORWARDED_ALLOW_IPS; unset, no header is believed).
        var proxies = app.Services.GetRequiredService<ProxySettings>();
        if (proxies.Enabled)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear(); // both empty: any sender is believed (*), for one hop
            if (!proxies.AnySender)
            {
                // Walks the chain from the nearest hop back while each hop is a trusted proxy.
                forwarded.ForwardLimit = null;
                proxies.Proxies.ToList().ForEach(forwarded.KnownIPNetworks.Add);
            }

            app.UseForwardedHeaders(forwarded);
        }

        // This host's Serilog logger: the middleware would otherwise use the process-wide static one.
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms for {ClientAddress}";
            options.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("ClientAddress", http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        });
        if (app.Services.GetRequiredService<HttpsSettings>().Redirect)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseResponseHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(AnswerBareStatusAsync);
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(); // /scalar
        }

        app.MapHealth();
        app.MapApi(app.Environment);
        return app;
    }

    /// <summary>
    /// A status set without a body (404, 405, ...), answered as problem details. The one 400 answered so is a query
    /// value the generated request delegate could not read as its type (it sets the status rather than throwing): it
    /// says so, and is FastAPI's 422 in the snake_case profile, like every other unreadable input.
    /// </summary>
    private static async Task AnswerBareStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails();
        if (http.Response.StatusCode == StatusCodes.Status400BadRequest)
        {
            http.Response.StatusCode = http.RequestServices.GetRequiredService<ApiJsonSettings>().InvalidInputStatus;
            problem.Title = "The request could not be read";
            problem.Detail = "A query or route value does not have the type the route expects.";
        }

        problem.Status = http.Response.StatusCode;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
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
