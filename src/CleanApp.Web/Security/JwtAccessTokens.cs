using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Web.Host.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanApp.Web.Security;

/// <summary>
/// Issues HS256 JWTs: subject = user id, plus a digest of the user's security stamp, so a token stops working as
/// soon as the stamp changes (password changed or reset).
/// </summary>
internal sealed class JwtAccessTokens(ITokenUsers users, SecuritySettings settings, TimeProvider timeProvider) : IAccessTokens
{
    public const string Issuer = "cleanapp";
    public const string StampClaim = "stamp";

    public async Task<AccessToken> IssueAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userId, cancellationToken) ?? throw new InvalidOperationException($"No user {userId} to issue a token for.");
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.TokenLifetime,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()), new Claim(StampClaim, Digest(user.SecurityStamp))]),
            SigningCredentials = new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, settings.TokenLifetime);
    }

    public static SymmetricSecurityKey SigningKey(SecuritySettings settings) => new(settings.SigningKey);

    /// <summary>A digest of the security stamp: ties the token to it without putting the stamp itself in the token.</summary>
    public static string Digest(string? securityStamp) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? string.Empty)).AsSpan(0, 16));
}
