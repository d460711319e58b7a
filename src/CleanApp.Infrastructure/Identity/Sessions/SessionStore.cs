using System.Buffers.Text;
using System.Security.Cryptography;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Identity.Sessions;

/// <summary>
/// Sessions on EF Core, the same on both providers. A refresh token is <c>{session id}.{32 random bytes}</c>
/// (base64url); the session keeps the SHA-256 of the random part of its one valid token, and of the one it replaced. A
/// refresh swaps the hash for the next token's in one conditional update, so of two refreshes with one token exactly
/// one wins, and the other is refused without harm (<see cref="ReuseInterval"/>). The replaced token presented later is
/// a reuse, and revokes the session; any other secret was never issued (the session id is no secret: every bearer
/// token carries it), and revokes nothing.
/// </summary>
internal sealed class SessionStore(AppDbContext db, SessionSettings settings, TimeProvider timeProvider) : ISessions
{
    private const int SecretBytes = 32;

    /// <summary>How long after a refresh the token it spent is only refused, not taken for a theft (Auth0's reuse interval).</summary>
    public static readonly TimeSpan ReuseInterval = TimeSpan.FromSeconds(10);

    private DbSet<UserSession> All => db.Set<UserSession>();

    public async Task<StartedSession> StartAsync(Guid userId, SessionClient client, CancellationToken cancellationToken)
    {
        var now = Now();
        var id = Guid.CreateVersion7();
        var (token, hash) = NewRefreshToken(id);
        var session = new UserSession
        {
            Id = id,
            UserId = userId,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + settings.Lifetime,
            RefreshExpiresAt = Min(now + settings.RefreshLifetime, now + settings.Lifetime),
            RefreshHash = hash,
            UserAgent = Clip(client.UserAgent, UserSession.UserAgentMaxLength),
            ClientAddress = Clip(client.Address, UserSession.ClientAddressMaxLength),
        };
        All.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(session).State = EntityState.Detached;
        }

        return new StartedSession(id, token, session.RefreshExpiresAt);
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken, SessionClient client, CancellationToken cancellationToken)
    {
        if (!TryParse(refreshToken, out var id, out var presented))
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var now = Now();
        var session = await All.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.UserId, s.RefreshHash, s.PreviousRefreshHash, s.RevokedAt, s.ExpiresAt, s.RefreshExpiresAt, s.LastUsedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (session is null || session.RevokedAt is not null || session.ExpiresAt <= now)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        if (!CryptographicOperations.FixedTimeEquals(session.RefreshHash, presented))
        {
            if (session.PreviousRefreshHash is null || !CryptographicOperations.FixedTimeEquals(session.PreviousRefreshHash, presented))
            {
                return new RefreshResult(RefreshOutcome.Invalid); // never issued: a guess, and the session stays
            }

            return now - session.LastUsedAt <= ReuseInterval ? new RefreshResult(RefreshOutcome.Superseded) : await RevokeForReuseAsync(id, now);
        }

        if (session.RefreshExpiresAt <= now)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var (token, hash) = NewRefreshToken(id);
        var refreshExpiresAt = Min(now + settings.RefreshLifetime, session.ExpiresAt);
        var agent = Clip(client.UserAgent, UserSession.UserAgentMaxLength);
        var address = Clip(client.Address, UserSession.ClientAddressMaxLength);
        var swapped = await All.Where(s => s.Id == id && s.RevokedAt == null && s.RefreshHash == presented)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.RefreshHash, hash)
                    .SetProperty(s => s.PreviousRefreshHash, presented)
                    .SetProperty(s => s.LastUsedAt, now)
                    .SetProperty(s => s.RefreshExpiresAt, refreshExpiresAt)
                    .SetProperty(s => s.UserAgent, agent)
                    .SetProperty(s => s.ClientAddress, address),
                cancellationToken);
        // Otherwise another refresh with the same token won the swap a moment ago (or the session was revoked meanwhile):
        // this one is refused, and the winner's tokens go on working.
        return swapped == 1
            ? new RefreshResult(RefreshOutcome.Refreshed, session.UserId, new StartedSession(id, token, refreshExpiresAt))
            : new RefreshResult(RefreshOutcome.Superseded);
    }

    public async Task<IReadOnlyList<SessionInfo>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = Now();
        return await All.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastUsedAt).ThenByDescending(s => s.Id)
            .Select(s => new SessionInfo(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.UserAgent, s.ClientAddress))
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var now = Now();
        return await All.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), CancellationToken.None) == 1;
    }

    public Task<int> RevokeAllAsync(Guid userId, Guid? except, CancellationToken cancellationToken)
    {
        var now = Now();
        return All.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != except)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), CancellationToken.None);
    }

    // Not the request's token: a client that hangs up right after presenting a stolen token still revokes the session.
    private async Task<RefreshResult> RevokeForReuseAsync(Guid id, DateTimeOffset now)
    {
        await All.Where(s => s.Id == id && s.RevokedAt == null).ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), CancellationToken.None);
        return new RefreshResult(RefreshOutcome.Reused);
    }

    private DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000))); // PostgreSQL keeps microseconds
    }

    private static (string Token, byte[] Hash) NewRefreshToken(Guid sessionId)
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        return ($"{sessionId:N}.{Base64Url.EncodeToString(secret)}", SHA256.HashData(secret));
    }

    private static bool TryParse(string token, out Guid id, out byte[] hash)
    {
        id = Guid.Empty;
        hash = [];
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || !Guid.TryParseExact(token.AsSpan(0, dot), "N", out id))
        {
            return false;
        }

        Span<byte> secret = stackalloc byte[SecretBytes + 3];
        if (!Base64Url.TryDecodeFromChars(token.AsSpan(dot + 1), secret, out var written) || written != SecretBytes)
        {
            return false;
        }

        hash = SHA256.HashData(secret[..written]);
        return true;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>At most <paramref name="length"/> characters of what the client sent; null for nothing.</summary>
    private static string? Clip(string? text, int length) => string.IsNullOrEmpty(text) ? null : text[..Math.Min(text.Length, length)];
}
