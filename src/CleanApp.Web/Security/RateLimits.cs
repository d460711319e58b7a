using System.Globalization;
using System.Threading.RateLimiting;
using CleanApp.Application.Common.Telemetry;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Web.Host.Configuration;
using Microsoft.AspNetCore.Mvc;

namespace CleanApp.Web.Security;

/// <summary>Limits on the endpoints that guess passwords or send mail: per client address, per minute.</summary>
internal static class RateLimits
{
    public const string Auth = "auth";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Auth, http =>
            {
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var limit = http.RequestServices.GetRequiredService<RateLimitSettings>().AuthPerMinute;
                // PostgreSQL: one budget per client across every instance, counted in the database. SQLite (one process):
                // counted in memory.
                return http.RequestServices.GetRequiredService<RateLimitStore>().Shared is { } shared
                    ? RateLimitPartition.Get(client, key => new SharedFixedWindowLimiter($"{Auth}:{key}", limit, Window, shared, http.RequestServices.GetRequiredService<TimeProvider>()))
                    : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0 });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<AppTelemetry>().RateLimitRejected(Auth);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Too many requests from this client; try again later.",
                    },
                });
            };
        });
}
