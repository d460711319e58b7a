namespace CleanApp.Application.Common.Abstractions;

/// <summary>What issuing and checking a bearer token needs to know about its user.</summary>
public sealed record TokenUser(string? SecurityStamp, bool IsActive, bool IsSuperuser);

/// <summary>
/// The user a bearer token names, read on every authenticated request (the provider's module answers it on its
/// fastest path). Null when the user no longer exists.
/// </summary>
public interface ITokenUsers
{
    Task<TokenUser?> FindAsync(Guid id, CancellationToken cancellationToken);
}
