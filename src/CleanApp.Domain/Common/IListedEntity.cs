namespace CleanApp.Domain.Common;

/// <summary>
/// An entity listed newest first, its id breaking ties: what every list's keyset paging needs (Infrastructure's
/// OwnedLists).
/// </summary>
public interface IListedEntity : IHasCreatedAt
{
    Guid Id { get; }
}

/// <summary>An entity a user owns: lists filter it by owner.</summary>
public interface IOwnedEntity : IListedEntity
{
    Guid OwnerId { get; }
}
