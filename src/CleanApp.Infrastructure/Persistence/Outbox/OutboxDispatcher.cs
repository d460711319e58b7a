using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using CleanApp.Application.Common.Events;
using CleanApp.Application.Common.Telemetry;
using CleanApp.Domain.Common;
using Microsoft.Extensions.Hosting;

namespace CleanApp.Infrastructure.Persistence.Outbox;

/// <summary>
/// Runs the handlers of committed domain events. It claims due messages in batches from the provider's module (on
/// PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so instances share the work and never hold the same message at once),
/// runs each message's handler in a scope of its own, and marks it dispatched; a failure is retried with backoff
/// (<see cref="OutboxSettings"/>) until the message's attempts run out, then it is dead, with its last error. A claim is a
/// lease: if its instance dies, the message is due again when the lease ends. Woken by <see cref="OutboxSignal"/> after
/// this instance's saves, and looks anyway every second for the other instances' messages and retries.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    DomainEventHandlers handlers,
    OutboxSignal signal,
    OutboxSettings settings,
    TimeProvider timeProvider,
    AppTelemetry telemetry,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(30);
    private static readonly MethodInfo InvokeMethod = typeof(OutboxDispatcher).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<Type, Func<object, IDomainEvent, EventDelivery, CancellationToken, ValueTask>> Invokers = new();

    private DateTimeOffset nextHousekeeping;
    private bool failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first look a second after start (sooner when a save wakes it): the start serves its first request without
        // this work on the same cores.
        try
        {
            await signal.WaitAsync(PollInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchBatchAsync(stoppingToken);
                await HousekeepAsync(stoppingToken);
                if (failing)
                {
                    failing = false;
                    LogRecovered(logger);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is down, or not migrated yet: said once, then tried again every second.
                if (!failing)
                {
                    failing = true;
                    LogCannotReach(logger, e.Message);
                }
            }

            if (handled < BatchSize)
            {
                try
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims one batch of due messages and handles them; answers how many there were.</summary>
    internal async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ClaimedMessage> batch;
        var leaseUntil = timeProvider.GetUtcNow() + settings.Lease;
        await using (var scope = scopes.CreateAsyncScope())
        {
            batch = await scope.ServiceProvider.GetRequiredService<IOutboxClaims>().ClaimAsync(leaseUntil - settings.Lease, leaseUntil, BatchSize, cancellationToken);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            // A batch never outlives its lease: once it ends another instance may claim what is left, and would send it
            // a second time while this one does. With half the lease left, the rest goes back (its attempt uncounted).
            if (timeProvider.GetUtcNow() >= leaseUntil - (settings.Lease / 2))
            {
                await ReleaseAsync([.. batch.Skip(i).Select(m => m.Id)], leaseUntil);
                break;
            }

            await HandleAsync(batch[i], cancellationToken);
        }

        return batch.Count;
    }

    /// <summary>Gives claimed messages back unhandled, for any instance to claim at once.</summary>
    private async Task ReleaseAsync(IReadOnlyList<Guid> ids, DateTimeOffset leaseUntil)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id) && m.DispatchedAt == null && m.LockedUntil != null && m.LockedUntil <= leaseUntil)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.Attempts, m => m.Attempts - 1), CancellationToken.None);
    }

    private async Task HandleAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = db.Set<OutboxMessage>().Where(m => m.Id == message.Id);
        try
        {
            if (!handlers.TryResolve(message.EventType, message.Handler, out var eventType, out var handlerType))
            {
                throw new InvalidOperationException($"No handler {message.Handler} of {message.EventType} in this version of the app.");
            }

            var domainEvent = (IDomainEvent)(JsonSerializer.Deserialize(message.Payload, eventType)
                ?? throw new InvalidOperationException("The message's payload is empty."));
            var invoke = Invokers.GetOrAdd(eventType, type => InvokeMethod.MakeGenericMethod(type)
                .CreateDelegate<Func<object, IDomainEvent, EventDelivery, CancellationToken, ValueTask>>());
            await invoke(scope.ServiceProvider.GetRequiredService(handlerType), domainEvent, new EventDelivery(message.Id, message.Attempts), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: let another instance (or the next start) have it at once rather than when the lease ends.
            await row.ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            var now = timeProvider.GetUtcNow();
            var error = $"{e.GetType().Name}: {e.Message}";
            error = error.Length > 2000 ? error[..2000] : error;
            if (message.Attempts >= settings.MaxAttempts)
            {
                await row.ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.DeadAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, error),
                    CancellationToken.None);
                telemetry.OutboxMessage("dead", message.EventType);
                LogDead(logger, e, message.Id, message.EventType, message.Handler, message.Attempts);
            }
            else
            {
                var delay = settings.RetryDelay(message.Attempts);
                await row.ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.AvailableAt, now + delay).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, error),
                    CancellationToken.None);
                telemetry.OutboxMessage("failed", message.EventType);
                LogRetrying(logger, message.Id, message.EventType, message.Handler, message.Attempts, delay, error);
            }

            return;
        }

        var done = timeProvider.GetUtcNow();
        await row.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.DispatchedAt, done).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null),
            CancellationToken.None);
        telemetry.OutboxMessage("dispatched", message.EventType);
        LogDispatched(logger, message.Id, message.EventType, message.Handler, (done - message.OccurredAt).TotalMilliseconds);
    }

    /// <summary>Now and then: the backlog for the metrics (dispatched messages past their retention are deleted by <see cref="ExpiredRows"/>).</summary>
    private async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < nextHousekeeping)
        {
            return;
        }

        nextHousekeeping = now + HousekeepingInterval;
        await using var scope = scopes.CreateAsyncScope();
        var (pending, oldest) = await scope.ServiceProvider.GetRequiredService<IOutboxClaims>().BacklogAsync(cancellationToken);
        telemetry.OutboxBacklog(pending, oldest);
    }

    private static ValueTask InvokeAsync<TEvent>(object handler, IDomainEvent domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
        where TEvent : IDomainEvent =>
        ((IDomainEventHandler<TEvent>)handler).HandleAsync((TEvent)domainEvent, delivery, cancellationToken);

    // The message's id and types, never its payload: the log is not the place for who asked for what.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {MessageId} ({EventType} for {Handler}) dispatched {LatencyMs:0} ms after it was written")]
    private static partial void LogDispatched(ILogger logger, Guid messageId, string eventType, string handler, double latencyMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({EventType} for {Handler}) failed attempt {Attempt}; retrying in {Delay}: {Error}")]
    private static partial void LogRetrying(ILogger logger, Guid messageId, string eventType, string handler, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} ({EventType} for {Handler}) is dead after {Attempts} attempts; requeue it with `db outbox requeue` once the cause is fixed")]
    private static partial void LogDead(ILogger logger, Exception exception, Guid messageId, string eventType, string handler, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox cannot be read ({Reason}); trying again every second")]
    private static partial void LogCannotReach(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox can be read again")]
    private static partial void LogRecovered(ILogger logger);
}
