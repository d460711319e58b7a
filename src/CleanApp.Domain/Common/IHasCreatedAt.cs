namespace CleanApp.Domain.Common;

/// <summary>
/// An entity that records when it was created. Persistence stamps <see cref="CreatedAt"/> once, when the
/// entity is first saved, so no use case sets it by hand.
/// </summary>
public interface IHasCreatedAt
{
    DateTimeOffset CreatedAt { get; }
}
