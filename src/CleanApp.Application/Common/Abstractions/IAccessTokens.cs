namespace CleanApp.Application.Common.Abstractions;

/// <summary>Issues the bearer tokens clients authenticate with.</summary>
public interface IAccessTokens
{
    Task<AccessToken> IssueAsync(Guid userId, CancellationToken cancellationToken);
}

public sealed record AccessToken(string Token, TimeSpan Lifetime);
