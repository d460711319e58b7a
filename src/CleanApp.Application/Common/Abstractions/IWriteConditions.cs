namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// What the caller's request requires of the entity it edits or deletes (HTTP's If-Match), given by the outer layer
/// and checked by persistence when the change is saved, against the version the use case read: a change to a version
/// the caller has not seen fails with <see cref="PreconditionFailedException"/> instead of overwriting someone else's.
/// A singleton reading the ambient request, as <see cref="ICurrentUser"/>; outside a request nothing is required.
/// </summary>
public interface IWriteConditions
{
    /// <summary>Whether the current request states a condition at all (a race it loses is then a failed precondition).</summary>
    bool IsConditional { get; }

    /// <summary>Throws <see cref="PreconditionFailedException"/> unless the request's condition holds for an entity at this version.</summary>
    void Check(int version);

    /// <summary>
    /// The versions the condition accepts, for a store that checks it in the write's own statement (an entity at one of
    /// them passes <see cref="Check"/>); null when any version does (no condition, or If-Match: *).
    /// </summary>
    IReadOnlyList<int>? AcceptedVersions { get; }
}

/// <summary>No condition: every write proceeds (tools, background work, a host without requests).</summary>
public sealed class NoWriteConditions : IWriteConditions
{
    public bool IsConditional => false;

    public void Check(int version)
    {
    }

    public IReadOnlyList<int>? AcceptedVersions => null;
}
