namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// Sign-in sessions: one per sign-in, with a rotating refresh token (RFC 9700 §4.14): each refresh spends the token it
/// was given and answers a new one; presenting the spent one again revokes the session, so a stolen refresh token is
/// useful once at most and its theft shows. A token the session never issued (a forged secret) revokes nothing, and one
/// spent within the reuse interval by a concurrent refresh is only refused. The bearer tokens of a session stop working as soon as it is revoked or
/// expires (the per-request check of <c>ITokenUsers</c> reads it). Refresh tokens are stored only as hashes.
/// Starting and revoking are changes the unit of work saves, with whatever else the use case changed (a new password
/// and the sign-out it causes commit together). A refresh is applied at once, as one conditional update (of two
/// refreshes with one token exactly one wins), and so is the revocation a reuse causes (it holds even if the request
/// fails afterwards).
/// </summary>
public interface ISessionRepository
{
    /// <summary>Starts a session for a signed-in user and gives its first refresh token (working once saved).</summary>
    StartedSession Start(Guid userId, SessionClient client);

    /// <summary>Spends a refresh token for the next one of its session, at once; or says why not (and revokes the session on reuse).</summary>
    Task<RefreshResult> RefreshAsync(string refreshToken, SessionClient client, CancellationToken cancellationToken);

    /// <summary>The user's live sessions (neither revoked nor expired), most recently used first.</summary>
    Task<IReadOnlyList<SessionInfo>> ListAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Revokes one of the user's live sessions (once saved); false when the user has no such live session.</summary>
    Task<bool> RevokeAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Revokes every live session of the user but <paramref name="except"/> (once saved); answers how many.</summary>
    Task<int> RevokeAllAsync(Guid userId, Guid? except, CancellationToken cancellationToken);
}

/// <summary>
/// What the server knows of the client that signs in or refreshes: its user agent and address (after trusted proxies),
/// and the group of addresses counted as one client (an IPv6 client's /64: one subscriber's network).
/// </summary>
public sealed record SessionClient(string? UserAgent, string? Address, string? Partition = null);

/// <summary>A session's newest refresh token, when it stops working unless used, and the session it belongs to.</summary>
public sealed record StartedSession(Guid SessionId, string RefreshToken, DateTimeOffset RefreshExpiresAt);

public enum RefreshOutcome
{
    Refreshed,

    /// <summary>Unknown, malformed, expired, or of a revoked or ended session.</summary>
    Invalid,

    /// <summary>Spent already: the session is revoked now, with every token it gave out.</summary>
    Reused,

    /// <summary>
    /// Spent a moment ago by another refresh of the same session (two tabs, a retry): refused, and the newer token
    /// goes on working (the reuse interval).
    /// </summary>
    Superseded,
}

public sealed record RefreshResult(RefreshOutcome Outcome, Guid UserId = default, StartedSession? Session = null);

/// <summary>A live session as its user sees it.</summary>
public sealed record SessionInfo(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? UserAgent, string? ClientAddress);
