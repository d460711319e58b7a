using System.Security.Cryptography;
using CleanApp.Application.Mfa;
using Microsoft.AspNetCore.DataProtection;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// mfa_tokens as DataProtection payloads (encrypted and signed with the keys every instance shares, in the database),
/// for this purpose only, good for 5 minutes: the account and the token's own id, which the use case counts wrong codes
/// and the one use against.
/// </summary>
internal sealed class MfaTokens(IDataProtectionProvider protection) : IMfaTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("CleanApp.MfaToken.v1").ToTimeLimitedDataProtector();

    public string Issue(Guid userId) => protector.Protect($"{userId:N}.{Guid.NewGuid():N}", Lifetime);

    public MfaTokenContent? Read(string token)
    {
        try
        {
            var content = protector.Unprotect(token);
            return content.Length == 65 && Guid.TryParseExact(content.AsSpan(0, 32), "N", out var userId) && Guid.TryParseExact(content.AsSpan(33), "N", out var tokenId)
                ? new MfaTokenContent(userId, tokenId)
                : null;
        }
        catch (CryptographicException)
        {
            return null; // not ours, tampered with, or expired
        }
        catch (FormatException)
        {
            return null; // not even base64url
        }
    }
}
