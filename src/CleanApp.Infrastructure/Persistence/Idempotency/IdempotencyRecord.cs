namespace CleanApp.Infrastructure.Persistence.Idempotency;

/// <summary>
/// One idempotency key of one scope: the request it was first used with (its fingerprint), and once that request
/// answered, the answer. Until then it is held until <see cref="LockedUntil"/>; a request that finds it held past that
/// time (its instance stopped mid-request) takes it over.
/// </summary>
internal sealed class IdempotencyRecord
{
    public const int ScopeMaxLength = 100;
    public const int KeyMaxLength = 255;

    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required byte[] Fingerprint { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int? Status { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }
}
