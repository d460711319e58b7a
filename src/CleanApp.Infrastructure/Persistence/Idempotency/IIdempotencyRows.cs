namespace CleanApp.Infrastructure.Persistence.Idempotency;

/// <summary>
/// The statements of a key's common path, one each, in the provider's module: a new key claimed by an insert that does
/// nothing (and logs no error) when the key is taken, and the answer written to its row.
/// </summary>
internal interface IIdempotencyRows
{
    /// <summary>Inserts the row unless its scope and key are taken; true when this call inserted it.</summary>
    Task<bool> TryInsertAsync(IdempotencyRecord record, CancellationToken cancellationToken);

    /// <summary>Keeps the answer in the key's row and ends its lease.</summary>
    Task CompleteAsync(IdempotentRequest request, StoredAnswer answer, CancellationToken cancellationToken);
}
