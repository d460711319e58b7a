namespace CleanApp.Application.Auth;

/// <summary>Issues the bearer tokens clients authenticate with, each for one session of its user.</summary>
public interface IAccessTokens
{
    Task<AccessToken> IssueAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken);
}

public sealed record AccessToken(string Token, TimeSpan Lifetime);
