using CleanApp.Infrastructure.Persistence.Outbox;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>One process owns the file: the due messages, leased and counted in one save; the backlog as <c>db outbox</c> reads it.</summary>
internal sealed class SqliteOutboxClaims(SqliteAppDbContext db, TimeProvider timeProvider) : IOutboxClaims
{
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        var due = await db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAt == null && m.DeadAt == null && m.AvailableAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.AvailableAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            message.LockedUntil = leaseUntil;
            message.Attempts++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return [.. due.Select(m => new ClaimedMessage(m.Id, m.EventType, m.Handler, m.Payload, m.Attempts, m.OccurredAt))];
    }

    public Task<(int Pending, TimeSpan OldestPending)> BacklogAsync(CancellationToken cancellationToken) =>
        new OutboxAdmin(db, timeProvider).BacklogAsync(cancellationToken);
}

/// <summary>One process owns the file: nobody else to run a job, so it runs.</summary>
internal sealed class SqliteJobLock : IJobLock
{
    public async Task<bool> RunAloneAsync(string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await work(cancellationToken);
        return true;
    }
}
