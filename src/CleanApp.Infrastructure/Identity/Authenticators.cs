using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Mfa;
using CleanApp.Infrastructure.Persistence;
using static CleanApp.Infrastructure.Identity.IdentityResults;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// The second step on Identity: its authenticator key store and token provider (RFC 6238), its recovery code store
/// holding SHA-256 hashes of the codes, and the account's <c>TwoFactorEnabled</c>. Identity's user manager would save
/// on each of these; its stores only track the change, for the use case's unit of work.
/// </summary>
internal sealed class Authenticators(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, AppDbContext db) : IAuthenticators
{
    private const int RecoveryCodeCount = 10;

    private IUserAuthenticatorKeyStore<ApplicationUser> Keys => (IUserAuthenticatorKeyStore<ApplicationUser>)store;

    private IUserTwoFactorRecoveryCodeStore<ApplicationUser> Codes => (IUserTwoFactorRecoveryCodeStore<ApplicationUser>)store;

    public async Task<string> NewKeyAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId, cancellationToken);
        var key = users.GenerateNewAuthenticatorKey();
        await Keys.SetAuthenticatorKeyAsync(user, key, cancellationToken);
        return key;
    }

    public async Task<bool> IsCodeAsync(Guid userId, string code, CancellationToken cancellationToken) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user
        && await Keys.GetAuthenticatorKeyAsync(user, cancellationToken) is { Length: > 0 }
        && await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code);

    public async Task<IReadOnlyList<string>> EnableAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId, cancellationToken);
        user.TwoFactorEnabled = true;
        Touch(user);
        return await ReplaceCodesAsync(user, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken) =>
        await ReplaceCodesAsync(await UserAsync(userId, cancellationToken), cancellationToken);

    public async Task<string?> RedeemRecoveryCodeAsync(Guid userId, string code, CancellationToken cancellationToken) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is { TwoFactorEnabled: true } user
        && await Codes.RedeemCodeAsync(user, Hash(code), cancellationToken)
            ? Hash(code)
            : null;

    public async Task DisableAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId, cancellationToken);
        user.TwoFactorEnabled = false;
        Touch(user);
        await Codes.ReplaceCodesAsync(user, [], cancellationToken);
        // Identity's own name for the key in its user tokens: no key, no code is ever right.
        await ((IUserAuthenticationTokenStore<ApplicationUser>)store).RemoveTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", cancellationToken);
    }

    private async Task<ApplicationUser> UserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new UnauthenticatedException();

    /// <summary>Ten new codes (10 characters of base32, shown as xxxxx-xxxxx), kept as hashes only.</summary>
    private async Task<IReadOnlyList<string>> ReplaceCodesAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i to misread
        var codes = Enumerable.Range(0, RecoveryCodeCount)
            .Select(_ => RandomNumberGenerator.GetString(alphabet, 10).Insert(5, "-"))
            .ToList();
        await Codes.ReplaceCodesAsync(user, codes.Select(Hash), cancellationToken);
        return codes;
    }

    /// <summary>The hash a code is kept and looked up as: case, spaces and the dash do not matter to whoever types it.</summary>
    private static string Hash(string code) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant())));
}
