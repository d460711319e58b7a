using __SolutionName__.Application.Common.Events;
using __SolutionName__.Domain.EntityPlural;
using Microsoft.Extensions.Logging;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>
/// TODO: what must follow the creation of an EntityName (a mail, an audit entry, a message to another service). Runs
/// after the change commits, from the outbox, retried when it throws; at least once, so check delivery.MessageId if
/// running twice would hurt. This sample only logs.
/// </summary>
internal sealed partial class OnEntityNameCreated(ILogger<OnEntityNameCreated> logger) : IDomainEventHandler<EntityNameCreated>
{
    public ValueTask HandleAsync(EntityNameCreated domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
    {
        LogCreated(logger, domainEvent.EntityNameId, domainEvent.OwnerId);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "EntityName {Id} of {OwnerId} was created")]
    private static partial void LogCreated(ILogger logger, Guid id, Guid ownerId);
}
