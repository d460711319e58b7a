using __SolutionName__.Domain.Common;

namespace __SolutionName__.Domain.EntityPlural;

/// <summary>An EntityName was created (delivered to its handlers once the change commits).</summary>
public sealed record EntityNameCreated(Guid EntityNameId, Guid OwnerId) : IDomainEvent;

/// <summary>An EntityName was deleted (delivered to its handlers once the change commits).</summary>
public sealed record EntityNameDeleted(Guid EntityNameId, Guid OwnerId) : IDomainEvent;
