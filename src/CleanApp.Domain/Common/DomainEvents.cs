namespace CleanApp.Domain.Common;

/// <summary>
/// Something that happened in the domain, recorded by what it happened to. It is delivered to its handlers only once
/// the change that raised it has committed (the transactional outbox), never before, and never for a change that
/// rolled back.
/// </summary>
public interface IDomainEvent;

/// <summary>
/// An event of which at most one may wait for delivery per key (and handler): recording another while one is pending
/// records nothing (one password-reset mail per recipient at a time, however often it is asked for).
/// </summary>
public interface IDeduplicatedEvent : IDomainEvent
{
    string DeduplicationKey { get; }
}

/// <summary>
/// What records domain events. Persistence writes them with the change, in the same transaction, and clears them.
/// </summary>
public interface IHasDomainEvents
{
    IReadOnlyCollection<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}
