using System.Security.Claims;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Users;

namespace CleanApp.Web.Security;

/// <summary>The authenticated caller of the current HTTP request, read from its claims.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public const string SuperuserClaim = "superuser";

    public UserIdentity? User
    {
        get
        {
            var principal = accessor.HttpContext?.User;
            if (principal?.Identity?.IsAuthenticated != true)
            {
                return null;
            }

            var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
            return Guid.TryParse(id, out var userId)
                ? new UserIdentity(userId, principal.HasClaim(SuperuserClaim, "true"))
                : null;
        }
    }
}
