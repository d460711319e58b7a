using CleanApp.Domain.Common;

namespace CleanApp.Application.Common.Events;

/// <summary>
/// Does something when <typeparamref name="TEvent"/> has happened — after the change that raised it committed, in the
/// background, on whichever instance claims it first. Each handler of an event gets its own outbox message: it is
/// retried on its own (with backoff, up to the configured attempts) and never run twice at once. Delivery is at least
/// once: a handler whose effect must not repeat checks <see cref="EventDelivery.MessageId"/>, or does what is safe to
/// do again. Found in this assembly at start (<see cref="DomainEventHandlers"/>): a feature adds one by adding its file.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It handles domain events; not a .NET event handler delegate.")]
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    ValueTask HandleAsync(TEvent domainEvent, EventDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>Which outbox message this is (the same id on every attempt) and which attempt, from 1.</summary>
public sealed record EventDelivery(Guid MessageId, int Attempt);
