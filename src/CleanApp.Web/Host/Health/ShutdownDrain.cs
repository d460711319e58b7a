using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanApp.Web.Host.Health;

/// <summary>
/// A graceful stop (SIGTERM): readiness turns 503 at once, and the app goes on serving for
/// <c>SHUTDOWN_DRAIN_SECONDS</c> while the load balancer notices and sends new requests elsewhere; then the server
/// stops accepting connections and finishes the requests in flight. Nobody in the middle of a request gets a 5xx.
/// </summary>
internal sealed partial class ShutdownDrain(ShutdownSettings settings, ILogger<ShutdownDrain> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool stopping;

    // Runs before any hosted service stops, the web server included: it still serves while this waits.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        LogDraining(logger, settings.Drain.TotalSeconds);
        try
        {
            await Task.Delay(settings.Drain, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // the host's shutdown timeout ran out first
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(stopping ? HealthCheckResult.Unhealthy("The app is shutting down.") : HealthCheckResult.Healthy("The app is not shutting down."));

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: not ready any more; serving for {DrainSeconds} s more, then finishing the requests in flight")]
    private static partial void LogDraining(ILogger logger, double drainSeconds);
}
