namespace CleanApp.Infrastructure.Identity.Sessions;

/// <summary>
/// One sign-in: whose, from what client, when it was last refreshed, when it ends (<see cref="ExpiresAt"/>, absolute;
/// its refresh token also lapses when unused until <see cref="RefreshExpiresAt"/>), whether it was revoked, and the
/// SHA-256 of its one valid refresh token.
/// </summary>
internal sealed class UserSession
{
    public const int UserAgentMaxLength = 512;
    public const int ClientAddressMaxLength = 64;

    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUsedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset RefreshExpiresAt { get; init; }

    public required byte[] RefreshHash { get; init; }

    /// <summary>
    /// The SHA-256 of the refresh token the last refresh spent: presenting it again is a reuse (the session is revoked);
    /// a token that is neither this nor the current one was never issued, and revokes nothing.
    /// </summary>
    public byte[]? PreviousRefreshHash { get; init; }

    public string? UserAgent { get; init; }

    public string? ClientAddress { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
