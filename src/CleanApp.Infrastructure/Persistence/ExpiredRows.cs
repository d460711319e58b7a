using CleanApp.Domain.Sessions;
using CleanApp.Infrastructure.Persistence.Idempotency;
using CleanApp.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.Hosting;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The app's one periodic clean-up: every few minutes, deletes what has ended: idempotency keys past their expiry,
/// sessions revoked or past their end, ended cooldowns and failure counts, and dispatched outbox messages past
/// <c>OUTBOX_RETENTION_HOURS</c> (dead ones are kept). One instance at a time (the job's lock is tried, not waited
/// for). Until then an ended row is treated as absent.
/// </summary>
internal sealed partial class ExpiredRows(
    IServiceScopeFactory scopes, IJobLock jobs, OutboxSettings outbox, TimeProvider timeProvider, ILogger<ExpiredRows> logger) : BackgroundService
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
        await jobs.RunAloneAsync(Job, async token =>
        {
            var keys = await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(token);
            var sessions = await db.Set<Session>().Where(s => s.RevokedAt != null || s.ExpiresAt <= now).ExecuteDeleteAsync(token);
            var throttles = await db.Set<Throttle>().Where(t => t.UntilTicks <= now.UtcTicks).ExecuteDeleteAsync(token);
            var cutoff = now - outbox.Retention;
            var messages = await db.Set<OutboxMessage>().Where(m => m.DispatchedAt != null && m.DispatchedAt < cutoff).ExecuteDeleteAsync(token);
            if (keys + sessions + throttles + messages > 0)
            {
                LogDeleted(logger, keys, sessions, throttles, messages);
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Keys} expired idempotency keys, {Sessions} ended sessions, {Throttles} ended cooldowns and failure counts, and {Messages} dispatched outbox messages past their retention")]
    private static partial void LogDeleted(ILogger logger, int keys, int sessions, int throttles, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired rows: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
