using System.Security.Claims;
using CleanApp.Application.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanApp.Web.Security;

/// <summary>
/// Issues HS256 JWTs: subject = user id, <c>sid</c> = the sign-in session it belongs to, so a token stops working as soon
/// as its session is revoked or ends (checked on every request: <see cref="Authentication"/>).
/// </summary>
internal sealed class JwtAccessTokens(SecuritySettings settings, TimeProvider timeProvider) : IAccessTokens
{
    public const string Issuer = "cleanapp";
    public const string SessionClaim = "sid";

    public Task<AccessToken> IssueAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.TokenLifetime,
            // jti: each token its own, even two issued in the same second for one session.
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()),
                new Claim(SessionClaim, sessionId.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256),
        });
        return Task.FromResult(new AccessToken(token, settings.TokenLifetime));
    }

    public static SymmetricSecurityKey SigningKey(SecuritySettings settings) => new(settings.SigningKey);
}
