using CleanApp.Domain.Users;

namespace CleanApp.Web.Security;

/// <summary>
/// The authenticated caller of the current HTTP request: the user <see cref="Authentication"/> read from the database
/// when it validated the token, kept as a feature of the request (none when the request carries no valid token).
/// </summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public UserIdentity? User => accessor.HttpContext?.Features.Get<UserIdentity>();
}
