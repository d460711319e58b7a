using CleanApp.Domain.Common;

namespace CleanApp.Application.Common.Events;

/// <summary>
/// Records an event that no stored entity raises (a request about an address, say) in a save of its own: its handlers
/// run after the commit, as for an entity's events.
/// </summary>
public interface IOutbox
{
    Task RecordAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);
}
