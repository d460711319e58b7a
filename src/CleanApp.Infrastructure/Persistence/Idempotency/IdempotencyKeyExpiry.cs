using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanApp.Infrastructure.Persistence.Idempotency;

/// <summary>
/// Deletes expired idempotency keys every few minutes, one instance at a time (the job's lock is tried, not waited
/// for). A key past its expiry is treated as absent even before it is deleted.
/// </summary>
internal sealed partial class IdempotencyKeyExpiry(
    IServiceScopeFactory scopes, DatabaseProviderModule module, TimeProvider timeProvider, ILogger<IdempotencyKeyExpiry> logger) : BackgroundService
{
    internal const string Job = "idempotency-key-expiry";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await DeleteExpiredAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e.Message); // the database is down: tried again at the next tick
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<IdempotencyRecord>();
        var now = timeProvider.GetUtcNow();
        await module.RunAloneAsync(scope.ServiceProvider, Job, async token =>
        {
            var deleted = await records.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(token);
            if (deleted > 0)
            {
                LogDeleted(logger, deleted);
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency keys")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired idempotency keys: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
