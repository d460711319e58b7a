using CleanApp.Application.Common.Events;
using CleanApp.Domain.Common;

namespace CleanApp.Infrastructure.Persistence.Outbox;

/// <summary>An event no entity raises, written to the outbox in a save of its own (the writer wakes the dispatcher after it).</summary>
internal sealed class EventOutbox(AppDbContext db, OutboxWriter writer) : IOutbox
{
    public async Task RecordAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        await writer.AddAsync(db, domainEvent, sync: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
