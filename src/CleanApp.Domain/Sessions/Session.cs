using System.Security.Cryptography;

namespace CleanApp.Domain.Sessions;

/// <summary>
/// One sign-in and the rules of its refresh tokens. It ends at <see cref="ExpiresAt"/> whatever is refreshed
/// (absolute), and its refresh token lapses unless used by <see cref="RefreshExpiresAt"/> (idle); it keeps the SHA-256 of
/// its one valid refresh token and of the one the last refresh spent. Presenting the valid one rotates it; the spent one
/// within <see cref="ReuseInterval"/> of that refresh is a second tab that lost the race (refused, nothing revoked),
/// later it is a reuse, a theft: the session is revoked; any other token was never issued (the session id is no
/// secret) and changes nothing. The store applies a rotation only while the session still holds the token presented,
/// so of two refreshes with one token exactly one wins.
/// </summary>
public sealed class Session
{
    public const int UserAgentMaxLength = 512;
    public const int ClientAddressMaxLength = 64;

    /// <summary>How long after a refresh the token it spent is only refused, not taken for a theft (Auth0's reuse interval).</summary>
    public static readonly TimeSpan ReuseInterval = TimeSpan.FromSeconds(10);

    // For EF Core materialization only.
    private Session() => RefreshHash = [];

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastUsedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset RefreshExpiresAt { get; private set; }

    public byte[] RefreshHash { get; private set; }

    /// <summary>The SHA-256 of the refresh token the last refresh spent.</summary>
    public byte[]? PreviousRefreshHash { get; private set; }

    public string? UserAgent { get; private set; }

    public string? ClientAddress { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>A new session whose refresh token hashes to <paramref name="refreshHash"/>.</summary>
    public static Session Start(Guid id, Guid userId, byte[] refreshHash, SessionLifetimes lifetimes, SessionClientInfo client, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lifetimes);
        ArgumentNullException.ThrowIfNull(client);
        var expiresAt = now + lifetimes.Absolute;
        return new Session
        {
            Id = id,
            UserId = userId,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = expiresAt,
            RefreshExpiresAt = Earlier(now + lifetimes.Idle, expiresAt),
            RefreshHash = refreshHash,
            UserAgent = Clip(client.UserAgent, UserAgentMaxLength),
            ClientAddress = Clip(client.Address, ClientAddressMaxLength),
        };
    }

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>
    /// What presenting a refresh token whose secret hashes to <paramref name="presented"/> means now. The valid token
    /// rotates to <paramref name="next"/> (this session changes: the store saves it only if it still holds
    /// <paramref name="presented"/>); a reuse revokes the session.
    /// </summary>
    public RefreshDecision Refresh(byte[] presented, byte[] next, SessionLifetimes lifetimes, SessionClientInfo client, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lifetimes);
        ArgumentNullException.ThrowIfNull(client);
        if (!IsLive(now))
        {
            return RefreshDecision.Refused;
        }

        if (!CryptographicOperations.FixedTimeEquals(RefreshHash, presented))
        {
            if (PreviousRefreshHash is null || !CryptographicOperations.FixedTimeEquals(PreviousRefreshHash, presented))
            {
                return RefreshDecision.Refused; // never issued: a guess, and the session stays
            }

            if (now - LastUsedAt <= ReuseInterval)
            {
                return RefreshDecision.Superseded;
            }

            Revoke(now);
            return RefreshDecision.Reused;
        }

        if (RefreshExpiresAt <= now)
        {
            return RefreshDecision.Refused;
        }

        PreviousRefreshHash = RefreshHash;
        RefreshHash = next;
        LastUsedAt = now;
        RefreshExpiresAt = Earlier(now + lifetimes.Idle, ExpiresAt);
        UserAgent = Clip(client.UserAgent, UserAgentMaxLength);
        ClientAddress = Clip(client.Address, ClientAddressMaxLength);
        return RefreshDecision.Rotated;
    }

    /// <summary>Ends the session (at the first revocation; a later one changes nothing).</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>At most <paramref name="length"/> characters of what the client sent; null for nothing.</summary>
    private static string? Clip(string? text, int length) => string.IsNullOrEmpty(text) ? null : text[..Math.Min(text.Length, length)];
}

/// <summary>How long a session lasts at most (<see cref="Absolute"/>), and how long its refresh token lasts unused (<see cref="Idle"/>).</summary>
public sealed record SessionLifetimes(TimeSpan Absolute, TimeSpan Idle);

/// <summary>What a client says about itself when it signs in or refreshes (kept clipped, for its user's list of sessions).</summary>
public sealed record SessionClientInfo(string? UserAgent, string? Address);

/// <summary>What presenting a refresh token decided (<see cref="Session.Refresh"/>).</summary>
public enum RefreshDecision
{
    /// <summary>Not a token this session holds or held, or the session or its token has ended: nothing changes.</summary>
    Refused,

    /// <summary>The token the last refresh spent, a moment after it: a second tab lost the race; nothing changes.</summary>
    Superseded,

    /// <summary>The token the last refresh spent, later: stolen; the session is revoked.</summary>
    Reused,

    /// <summary>The valid token: the session now holds the next one.</summary>
    Rotated,
}
