namespace CleanApp.Domain.Common;

/// <summary>
/// An entity that can be edited: persistence keeps its version and who changed it when, in one place, so no use case
/// sets them by hand. <see cref="Version"/> is 1 when the entity is first saved and grows by one with every saved
/// change; an update or delete of a version someone else has changed meanwhile fails instead of overwriting it (the
/// version is the concurrency token, and the API's ETag). <see cref="CreatedBy"/> and <see cref="UpdatedBy"/> are the
/// user who acted, or null when nobody signed in did (sign-up, the seeder).
/// </summary>
public interface IAuditedEntity : IHasCreatedAt
{
    int Version { get; }

    Guid? CreatedBy { get; }

    DateTimeOffset UpdatedAt { get; }

    Guid? UpdatedBy { get; }

    /// <summary>
    /// Whether a change of this property is an edit of the entity (a new version, an update time). False for
    /// bookkeeping the store keeps on the entity's row, such as failed sign-in counts.
    /// </summary>
    bool IsEdit(string propertyName) => true;
}
