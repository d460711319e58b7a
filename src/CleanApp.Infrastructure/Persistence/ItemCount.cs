namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// How many items an owner has: kept by the database itself (triggers on <c>items</c>, in the same transaction as
/// every insert and delete, cascades included), so a page's total is one indexed read instead of a count that walks
/// every row of the owner. The application only reads it. See docs/decisions/0007-counting-items-without-scanning.md.
/// </summary>
public sealed class ItemCount
{
    public Guid OwnerId { get; private set; }

    public long Count { get; private set; }
}
