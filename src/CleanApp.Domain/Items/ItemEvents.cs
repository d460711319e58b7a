using CleanApp.Domain.Common;

namespace CleanApp.Domain.Items;

public sealed record ItemCreated(Guid ItemId, Guid OwnerId) : IDomainEvent;

public sealed record ItemDeleted(Guid ItemId, Guid OwnerId) : IDomainEvent;
