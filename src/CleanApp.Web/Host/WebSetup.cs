using CleanApp.Application.Auth;
using CleanApp.Web.Conditions;
using CleanApp.Web.Endpoints;
using CleanApp.Web.Errors;
using CleanApp.Web.Host.Health;
using CleanApp.Web.Idempotency;
using CleanApp.Web.Json;
using CleanApp.Web.OpenApi;
using CleanApp.Web.Security;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scalar.AspNetCore;
using Serilog;

namespace CleanApp.Web.Host;

/// <summary>
/// The host's wiring of the API, in one place (as .NET Aspire's ServiceDefaults): settings, authentication and rate
/// limits, problem details, JSON, OpenAPI, health, CORS, forwarded headers, security headers, request logging.
/// </summary>
internal static class WebSetup
{
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
        services.AddSingleton<IWriteConditions, HttpWriteConditions>(); // the request's If-Match, checked when a change is saved
        services.AddSettings((settings, _) => ConditionalRequestSettings.Read(settings), SettingsScope.Serving);
        services.AddSettings((settings, _) => RefreshCookieSettings.Read(settings), SettingsScope.Serving);
        services.AddScoped<IAccessTokens, JwtAccessTokens>();
        services.AddBearerAuthentication();
        services.AddAuthorization();
        services.AddRateLimits();
        services.AddCors();
        // In cookie mode the frontend's calls carry the refresh cookie (credentials: "include"): allowed for exactly the
        // configured origins, which the token endpoint checks again on every request (RefreshCookie).
        services.AddOptions<CorsOptions>().Configure<CorsSettings, RefreshCookieSettings>((options, settings, cookie) =>
            options.AddDefaultPolicy(policy =>
            {
                policy.WithOrigins([.. settings.Origins])
                    .AllowAnyHeader()
                    .AllowAnyMethod()
                    .WithExposedHeaders("ETag", "Location", "Retry-After", IdempotencyKeyMiddleware.ReplayedHeader);
                if (cookie.Enabled)
                {
                    policy.AllowCredentials();
                }
            }));

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
        app.UseGrantAwareRateLimiter();
        app.UseMiddleware<IdempotencyKeyMiddleware>(); // keyed creates: after authentication, which scopes the key
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(); // /scalar
        }

        app.MapHealth();
        app.MapApi();
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
}
