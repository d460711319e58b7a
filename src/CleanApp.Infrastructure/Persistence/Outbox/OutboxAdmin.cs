namespace CleanApp.Infrastructure.Persistence.Outbox;

/// <summary>A dead outbox message, as operators see it: never its payload (it may name a person).</summary>
public sealed record DeadMessage(Guid Id, string EventType, string Handler, int Attempts, DateTimeOffset OccurredAt, DateTimeOffset DeadAt, string? LastError);

/// <summary>What the outbox holds: waiting messages, the oldest one's age, and the dead ones.</summary>
public sealed record OutboxStatus(int Pending, TimeSpan OldestPending, IReadOnlyList<DeadMessage> Dead);

/// <summary>The operators' side of the outbox (<c>db outbox</c>): what waits, what died, and requeueing the dead.</summary>
public sealed class OutboxAdmin(AppDbContext db, TimeProvider timeProvider)
{
    public async Task<OutboxStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var (pending, oldest) = await BacklogAsync(cancellationToken);
        var dead = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.DeadAt != null).OrderBy(m => m.DeadAt)
            .Select(m => new DeadMessage(m.Id, m.EventType, m.Handler, m.Attempts, m.OccurredAt, m.DeadAt!.Value, m.LastError))
            .ToListAsync(cancellationToken);
        return new OutboxStatus(pending, oldest, dead);
    }

    /// <summary>How many messages wait, and how long the oldest has waited (zero when none does): the metrics' figures too.</summary>
    public async Task<(int Pending, TimeSpan OldestPending)> BacklogAsync(CancellationToken cancellationToken)
    {
        var pending = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.DispatchedAt == null && m.DeadAt == null);
        var count = await pending.CountAsync(cancellationToken);
        var oldest = count == 0 ? null : await pending.OrderBy(m => m.OccurredAt).Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        return (count, oldest is { } at ? timeProvider.GetUtcNow() - at : TimeSpan.Zero);
    }

    /// <summary>Makes dead messages due again with their attempts counted afresh: one (by id), or all. Answers how many.</summary>
    public Task<int> RequeueAsync(Guid? id, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var dead = db.Set<OutboxMessage>().Where(m => m.DeadAt != null);
        if (id is { } one)
        {
            dead = dead.Where(m => m.Id == one);
        }

        return dead.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.DeadAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0).SetProperty(m => m.AvailableAt, now)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
            cancellationToken);
    }
}
