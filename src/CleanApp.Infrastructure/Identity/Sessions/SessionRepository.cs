using System.Buffers.Text;
using System.Security.Cryptography;
using CleanApp.Domain.Sessions;
using CleanApp.Infrastructure.Persistence;

namespace CleanApp.Infrastructure.Identity.Sessions;

/// <summary>
/// Sessions on EF Core, the same on both providers; their rules are the Domain's (<see cref="Session"/>). A refresh
/// token is <c>{session id}.{32 random bytes}</c> (base64url); the session keeps the SHA-256 of the random part. A
/// rotation the session decided is saved by one conditional update, only while the row still holds the token
/// presented: of two refreshes with one token exactly one wins, and the other is refused without harm. Starts and
/// revocations are tracked, for the unit of work.
/// </summary>
internal sealed class SessionRepository(AppDbContext db, SessionSettings settings, TimeProvider timeProvider) : ISessionRepository
{
    private const int SecretBytes = 32;

    private DbSet<Session> All => db.Set<Session>();

    private SessionLifetimes Lifetimes => new(settings.Lifetime, settings.RefreshLifetime);

    public StartedSession Start(Guid userId, SessionClient client)
    {
        var id = Guid.CreateVersion7();
        var (token, hash) = NewRefreshToken(id);
        var session = Session.Start(id, userId, hash, Lifetimes, new SessionClientInfo(client.UserAgent, client.Address), Now());
        All.Add(session);
        return new StartedSession(id, token, session.RefreshExpiresAt);
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken, SessionClient client, CancellationToken cancellationToken)
    {
        if (!TryParse(refreshToken, out var id, out var presented))
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var session = await All.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var (token, hash) = NewRefreshToken(id);
        switch (session.Refresh(presented, hash, Lifetimes, new SessionClientInfo(client.UserAgent, client.Address), Now()))
        {
            case RefreshDecision.Rotated:
                break;
            case RefreshDecision.Superseded:
                return new RefreshResult(RefreshOutcome.Superseded);
            case RefreshDecision.Reused:
                // Not the request's token: a client that hangs up right after presenting a stolen token still revokes the session.
                await All.Where(s => s.Id == id && s.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, session.RevokedAt), CancellationToken.None);
                return new RefreshResult(RefreshOutcome.Reused);
            default:
                return new RefreshResult(RefreshOutcome.Invalid);
        }

        var swapped = await All.Where(s => s.Id == id && s.RevokedAt == null && s.RefreshHash == presented)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.RefreshHash, session.RefreshHash)
                    .SetProperty(s => s.PreviousRefreshHash, session.PreviousRefreshHash)
                    .SetProperty(s => s.LastUsedAt, session.LastUsedAt)
                    .SetProperty(s => s.RefreshExpiresAt, session.RefreshExpiresAt)
                    .SetProperty(s => s.UserAgent, session.UserAgent)
                    .SetProperty(s => s.ClientAddress, session.ClientAddress),
                cancellationToken);
        // Otherwise another refresh with the same token won the swap a moment ago (or the session was revoked meanwhile):
        // this one is refused, and the winner's tokens go on working.
        return swapped == 1
            ? new RefreshResult(RefreshOutcome.Refreshed, session.UserId, new StartedSession(id, token, session.RefreshExpiresAt))
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
        var session = await All.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now, cancellationToken);
        session?.Revoke(now);
        return session is not null;
    }

    public async Task<int> RevokeAllAsync(Guid userId, Guid? except, CancellationToken cancellationToken)
    {
        var now = Now();
        var live = await All.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != except).ToListAsync(cancellationToken);
        live.ForEach(s => s.Revoke(now));
        return live.Count;
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
}
