using System.Globalization;
using System.Threading.RateLimiting;
using CleanApp.Application.Common.Telemetry;
using Microsoft.AspNetCore.Mvc;

namespace CleanApp.Web.Security;

/// <summary>
/// Limits on the endpoints that guess passwords, open accounts or send mail: per client (an IPv6 client by its /64), per
/// minute. Refreshing a session has a budget of its own (<c>AUTH_REFRESH_RATE_LIMIT_PER_MINUTE</c>), so one abuser
/// behind a shared address spending the sign-in budget does not sign everyone else there out.
/// </summary>
internal static class RateLimits
{
    public const string Auth = "auth";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Auth, http =>
            {
                var settings = http.RequestServices.GetRequiredService<RateLimitSettings>();
                var refresh = IsRefresh(http);
                var client = (refresh ? "refresh:" : string.Empty) + ClientAddresses.Partition(http.Connection.RemoteIpAddress);
                var limit = refresh ? settings.RefreshPerMinute : settings.AuthPerMinute;
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

    /// <summary>
    /// Reads the token endpoint's form before the limiter picks a budget (the grant type decides which), so the limiter's
    /// synchronous choice finds it parsed; an unreadable form is left for the endpoint to refuse.
    /// </summary>
    public static IApplicationBuilder UseGrantAwareRateLimiter(this IApplicationBuilder app) => app
        .Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<GrantTypeBudget>() is not null && http.Request.HasFormContentType)
            {
                try
                {
                    await http.Request.ReadFormAsync(http.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
                {
                    // The endpoint reads it again and answers 400.
                }
            }

            await next(http);
        })
        .UseRateLimiter();

    private static bool IsRefresh(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<GrantTypeBudget>() is not null
        && http.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form?["grant_type"].ToString() == "refresh_token";
}

/// <summary>Marks the token endpoint: its refresh grant spends the refresh budget, its other grants the sign-in budget.</summary>
internal sealed class GrantTypeBudget;
