using CleanApp.Infrastructure.Identity.Sessions;
using CleanApp.Infrastructure.Persistence.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// Every few minutes, deletes what has ended: idempotency keys past their expiry, sessions revoked or past their end,
/// and ended cooldowns and failure counts. One instance at a time (the job's lock is tried, not waited for). Until then an ended row is treated as absent.
/// </summary>
internal sealed partial class ExpiredRows(
    IServiceScopeFactory scopes, DatabaseProviderModule module, TimeProvider timeProvider, ILogger<ExpiredRows> logger) : BackgroundService
{
    internal const string Job = "expired-rows";
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
                    await DeleteAsync(stoppingToken);
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

    internal async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = timeProvider.GetUtcNow();
        await module.RunAloneAsync(scope.ServiceProvider, Job, async token =>
        {
            var keys = await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(token);
            var sessions = await db.Set<UserSession>().Where(s => s.RevokedAt != null || s.ExpiresAt <= now).ExecuteDeleteAsync(token);
            var throttles = await db.Set<Throttle>().Where(t => t.UntilTicks <= now.UtcTicks).ExecuteDeleteAsync(token);
            if (keys + sessions + throttles > 0)
            {
                LogDeleted(logger, keys, sessions, throttles);
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Keys} expired idempotency keys, {Sessions} ended sessions and {Throttles} ended cooldowns and failure counts")]
    private static partial void LogDeleted(ILogger logger, int keys, int sessions, int throttles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired rows: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
