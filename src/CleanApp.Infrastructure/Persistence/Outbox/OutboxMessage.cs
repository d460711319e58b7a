namespace CleanApp.Infrastructure.Persistence.Outbox;

/// <summary>
/// One domain event for one of its handlers, written in the transaction of the change that raised it, dispatched after
/// it commits. A message is due when <see cref="AvailableAt"/> has come and no instance holds it
/// (<see cref="LockedUntil"/>, a lease that lapses if its holder dies); it ends dispatched, or dead after its attempts.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The event's type, as <c>DomainEventHandlers.NameOf</c> names it.</summary>
    public required string EventType { get; init; }

    /// <summary>The handler's type, as <c>DomainEventHandlers.NameOf</c> names it.</summary>
    public required string Handler { get; init; }

    /// <summary>The event as JSON.</summary>
    public required string Payload { get; init; }

    /// <summary>Set for an event of which one may wait per key and handler (<c>IDeduplicatedEvent</c>).</summary>
    public string? DeduplicationKey { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset AvailableAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public DateTimeOffset? DeadAt { get; set; }

    public string? LastError { get; set; }
}
