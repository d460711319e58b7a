using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Users;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanApp.Web.Security;

/// <summary>The authenticated caller of the current HTTP request, from the claims <see cref="Authentication"/> set.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public UserIdentity? User
    {
        get
        {
            var principal = accessor.HttpContext?.User;
            if (principal?.Identity?.IsAuthenticated != true
                || !Guid.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId))
            {
                return null;
            }

            return new UserIdentity(
                userId,
                IsSuperuser: principal.HasClaim(Authentication.SuperuserClaim, "true"),
                IsActive: principal.HasClaim(Authentication.ActiveClaim, "true"));
        }
    }
}
