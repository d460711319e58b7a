namespace CleanApp.Infrastructure.Persistence.Outbox;

/// <summary>A message an instance has claimed: it holds it until its lease ends (<see cref="OutboxMessage.LockedUntil"/>).</summary>
internal sealed record ClaimedMessage(Guid Id, string EventType, string Handler, string Payload, int Attempts, DateTimeOffset OccurredAt);

/// <summary>How the dispatcher claims its work and reads its backlog, each provider's module in its own way.</summary>
internal interface IOutboxClaims
{
    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due messages for this instance until <paramref name="leaseUntil"/>
    /// (counting an attempt for each): none that another instance holds, none twice.
    /// </summary>
    Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken);

    /// <summary>How many messages wait, and how long the oldest has waited (zero when none does): the metrics' figures.</summary>
    Task<(int Pending, TimeSpan OldestPending)> BacklogAsync(CancellationToken cancellationToken);
}
