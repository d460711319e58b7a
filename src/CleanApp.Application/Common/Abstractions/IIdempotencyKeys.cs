namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// The idempotency keys clients send with creates (the Idempotency-Key header): the first request with a key claims
/// it, and its answer is kept, so a retry of the same request gets that answer again instead of creating twice. Keys
/// are kept in the database (every instance sees them, a restart forgets none) per scope (the user, or the client
/// address of an anonymous request) until they expire.
/// </summary>
public interface IIdempotencyKeys
{
    /// <summary>Claims the key for this request, or says why not: it answered already, it is in progress, or it was used for another request.</summary>
    Task<IdempotencyClaim> ClaimAsync(IdempotentRequest request, CancellationToken cancellationToken);

    /// <summary>Keeps the answer of a claimed key's request, for its retries.</summary>
    Task CompleteAsync(IdempotentRequest request, StoredAnswer answer, CancellationToken cancellationToken);

    /// <summary>Gives a claimed key up without an answer (the request failed): a retry runs again.</summary>
    Task ReleaseAsync(IdempotentRequest request, CancellationToken cancellationToken);
}

/// <param name="Scope">Whose key it is: keys of different users never meet.</param>
/// <param name="Key">The client's key, as sent.</param>
/// <param name="Fingerprint">A hash of what was asked (method, path, body): the same key with another request is refused.</param>
public sealed record IdempotentRequest(string Scope, string Key, byte[] Fingerprint);

/// <summary>An answer kept for replay: its status, the headers that matter to a client, and its body.</summary>
public sealed record StoredAnswer(int Status, string? ContentType, string? Location, string? ETag, byte[] Body);

public enum IdempotencyOutcome
{
    /// <summary>This request holds the key: run it.</summary>
    Claimed,

    /// <summary>The key's request answered already: <see cref="IdempotencyClaim.Answer"/> is that answer.</summary>
    Answered,

    /// <summary>The key's first request is still running.</summary>
    InProgress,

    /// <summary>The key was used with a different request.</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredAnswer? Answer = null);
