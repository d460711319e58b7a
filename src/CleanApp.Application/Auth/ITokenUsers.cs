namespace CleanApp.Application.Auth;

/// <summary>
/// What checking a bearer token needs to know: its user's rights (their custom roles and the permissions those grant,
/// read with them, so a change of a role applies on the next request), and whether its session is still live.
/// </summary>
public sealed record TokenUser(bool IsActive, bool IsSuperuser, bool SessionIsLive, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);

/// <summary>
/// The user, their roles and permissions, and the session a bearer token names, read on every authenticated request in one round trip (the provider's
/// module answers it on its fastest path). Null when the user no longer exists.
/// </summary>
public interface ITokenUsers
{
    Task<TokenUser?> FindAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken);
}
