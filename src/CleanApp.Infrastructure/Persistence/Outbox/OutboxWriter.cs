using System.Runtime.CompilerServices;
using System.Text.Json;
using CleanApp.Application.Common.Events;
using CleanApp.Domain.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanApp.Infrastructure.Persistence.Outbox;

/// <summary>
/// Writes the domain events of the entities a save touches into <c>outbox_messages</c>, in the same save (so the same
/// transaction): one message per handler of each event, none for an event nobody handles. No event is written for a
/// change that rolls back; no change commits without its events. After the commit it wakes this instance's dispatcher
/// (<see cref="OutboxSignal"/>); the others find the messages when they next look (within a second).
/// </summary>
internal sealed class OutboxWriter(DomainEventHandlers handlers, OutboxSignal signal, TimeProvider timeProvider) : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Written = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            WriteAsync(context, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await WriteAsync(context, sync: false, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private async Task WriteAsync(DbContext context, bool sync, CancellationToken cancellationToken)
    {
        // A copy: adding the messages changes what the tracker holds.
        foreach (var source in context.ChangeTracker.Entries<IHasDomainEvents>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList())
        {
            foreach (var domainEvent in source.DomainEvents)
            {
                await AddAsync(context, domainEvent, sync, cancellationToken);
            }

            source.ClearDomainEvents();
        }
    }

    /// <summary>Adds the messages of one event to the context, unsaved: one per handler (none that would repeat a pending one).</summary>
    internal async Task AddAsync(DbContext context, IDomainEvent domainEvent, bool sync, CancellationToken cancellationToken)
    {
        var messages = context.Set<OutboxMessage>();
        foreach (var message in MessagesOf(domainEvent))
        {
            if (message.DeduplicationKey is { } key && await IsPendingAsync(messages, key, message.Handler, sync, cancellationToken))
            {
                continue;
            }

            messages.Add(message);
            Written.AddOrUpdate(context, this);
        }
    }

    /// <summary>
    /// The messages of one event, one per handler (none when nobody handles it), for a store that writes them itself in
    /// its change's transaction and then calls <see cref="Committed"/>. It must not repeat a pending one of a
    /// <see cref="IDeduplicatedEvent"/>.
    /// </summary>
    internal IEnumerable<OutboxMessage> MessagesOf(IDomainEvent domainEvent)
    {
        var now = timeProvider.GetUtcNow();
        var eventType = DomainEventHandlers.NameOf(domainEvent.GetType());
        foreach (var handler in handlers.For(domainEvent.GetType()))
        {
            yield return new OutboxMessage
            {
                EventType = eventType,
                Handler = handler,
                Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType()),
                DeduplicationKey = (domainEvent as IDeduplicatedEvent)?.DeduplicationKey,
                OccurredAt = now,
                AvailableAt = now,
            };
        }
    }

    /// <summary>Whether anything handles events of this type (when not, a change that records one writes no message).</summary>
    internal bool IsHandled(Type eventType) => handlers.For(eventType).Any();

    /// <summary>A store's messages have committed: this instance's dispatcher looks now.</summary>
    internal void Committed() => signal.Wake();

    private static async Task<bool> IsPendingAsync(DbSet<OutboxMessage> messages, string key, string handler, bool sync, CancellationToken cancellationToken)
    {
        if (messages.Local.Any(m => m.DeduplicationKey == key && m.Handler == handler && m.DispatchedAt is null && m.DeadAt is null))
        {
            return true;
        }

        var query = messages.AsNoTracking().Where(m => m.DeduplicationKey == key && m.Handler == handler && m.DispatchedAt == null && m.DeadAt == null);
        return sync ? query.Any() : await query.AnyAsync(cancellationToken);
    }

    private void Wake(DbContext? context)
    {
        if (context is not null && Written.Remove(context))
        {
            signal.Wake();
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null)
        {
            Written.Remove(context);
        }
    }
}

/// <summary>Wakes this instance's dispatcher when a save has written outbox messages (instead of its next look, a second later).</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => wake.Dispose();
}
