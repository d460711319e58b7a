using System.Buffers.Text;
using System.Text;
using System.Security.Cryptography;
using System.Text.Json;
using CleanApp.Application.Common.Errors;
using CleanApp.Infrastructure.Persistence;
using static CleanApp.Infrastructure.Identity.IdentityResults;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// Sign-in, password change and reset on ASP.NET Core Identity (its single-use reset tokens), and email reverts; what
/// they change is tracked, for the use case's unit of work.
/// </summary>
internal sealed class Credentials(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    UnknownUserHash unknownUserHash,
    TimeProvider timeProvider) : ICredentials
{
    internal const string TokenProvider = "[CleanApp]";
    private const string RevertPrefix = "revert-email:";

    public async Task<CredentialCheck> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        // Known or unknown, a failed sign-in costs the same: one lookup and one password hash check.
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            unknownUserHash.Verify(users.PasswordHasher, password);
            return new CredentialCheck(CredentialOutcome.Failed);
        }

        return await users.CheckPasswordAsync(user, password)
            ? new CredentialCheck(CredentialOutcome.Succeeded, user.ToAccount())
            : new CredentialCheck(CredentialOutcome.Failed);
    }

    public async Task<bool> VerifyPasswordAsync(Guid id, string password, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id.ToString()) is { } user && await users.CheckPasswordAsync(user, password);

    public async Task<CredentialCheck> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user || !await users.CheckPasswordAsync(user, currentPassword))
        {
            return new CredentialCheck(CredentialOutcome.Failed);
        }

        await SetPasswordAsync(users, user, newPassword);
        Touch(user);
        return new CredentialCheck(CredentialOutcome.Succeeded, user.ToAccount());
    }

    public async Task<PasswordReset?> CreatePasswordResetAsync(string email, CancellationToken cancellationToken) =>
        await users.FindByEmailAsync(email) is { IsActive: true } user
            ? new PasswordReset(user.ToAccount(), ResetToken.Encode(user.Id, await users.GeneratePasswordResetTokenAsync(user)))
            : null;

    public async Task<PasswordResetResult> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken)
    {
        if (!ResetToken.TryDecode(token, out var userId, out var identityToken)
            || await users.FindByIdAsync(userId.ToString()) is not { } user
            || !await users.VerifyUserTokenAsync(
                user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, identityToken))
        {
            return new PasswordResetResult(PasswordResetOutcome.InvalidToken);
        }

        if (!user.IsActive)
        {
            return new PasswordResetResult(PasswordResetOutcome.InactiveUser, user.Id);
        }

        // The new security stamp spends this token and every older one, once saved.
        await SetPasswordAsync(users, user, newPassword);
        Touch(user);
        return new PasswordResetResult(PasswordResetOutcome.Reset, user.Id);
    }

    public async Task<string?> CreateEmailRevertAsync(
        Guid userId, string previousEmail, DateTimeOffset changedAt, DateTimeOffset validUntil, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return null;
        }

        // Kept in Identity's user tokens as the hash of its secret, not bound to the security stamp: a reset or a new
        // password set by whoever took the account does not take the owner's way back.
        var (token, hash) = MailedToken.Create(userId);
        db.UserTokens.Add(new IdentityUserToken<Guid>
        {
            UserId = userId,
            LoginProvider = TokenProvider,
            Name = RevertPrefix + hash,
            Value = JsonSerializer.Serialize(new RevertRecord(previousEmail, changedAt.UtcTicks, validUntil.UtcTicks)),
        });
        return token;
    }

    public async Task<EmailRevertResult> RevertEmailAsync(string token, CancellationToken cancellationToken)
    {
        if (!MailedToken.TryRead(token, out var userId, out var hash))
        {
            return new EmailRevertResult(EmailRevertOutcome.InvalidToken);
        }

        var reverts = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name.StartsWith(RevertPrefix)).ToListAsync(cancellationToken);
        var used = reverts.FirstOrDefault(t => t.Name == RevertPrefix + hash);
        var record = used?.Value is { } value ? JsonSerializer.Deserialize<RevertRecord>(value) : null;
        if (record is null || record.ValidUntilTicks <= timeProvider.GetUtcNow().UtcTicks || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return new EmailRevertResult(EmailRevertOutcome.InvalidToken);
        }

        // This one is spent, and so are those of later changes (their addresses came after the one restored); earlier
        // ones stay, so whoever changed it cannot spend the owner's way back with a revert of their own.
        db.UserTokens.RemoveRange(reverts.Where(t => t.Value is { } v && JsonSerializer.Deserialize<RevertRecord>(v)?.ChangedAtTicks >= record.ChangedAtTicks));
        user.Email = record.PreviousEmail;
        user.UserName = record.PreviousEmail;
        user.EmailConfirmed = true; // the link was mailed there: whoever used it reads that mailbox
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        Touch(user);
        try
        {
            await CheckAccountAsync(users, user);
        }
        catch (ConflictException)
        {
            return new EmailRevertResult(EmailRevertOutcome.EmailTaken, userId);
        }

        return new EmailRevertResult(EmailRevertOutcome.Reverted, userId);
    }

    private sealed record RevertRecord(string PreviousEmail, long ChangedAtTicks, long ValidUntilTicks);
}

/// <summary>
/// A hash to verify against when the email is unknown, so that answer takes as long as a wrong password: made once
/// per app (a singleton, never a static shared by every host in the process), by the configured hasher, so it costs
/// what a real user's hash costs.
/// </summary>
internal sealed class UnknownUserHash
{
    private string? hash;

    public void Verify(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        var known = LazyInitializer.EnsureInitialized(ref hash, () => hasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString()));
        hasher.VerifyHashedPassword(new ApplicationUser(), known, password);
    }
}

/// <summary>
/// The reset token clients see: the user id and Identity's token, URL-safe. Opaque to clients; Identity's part is
/// signed and expires, and resetting the password spends it.
/// </summary>
internal static class ResetToken
{
    public static string Encode(Guid userId, string identityToken) =>
        Base64Url.EncodeToString([.. userId.ToByteArray(), .. Encoding.UTF8.GetBytes(identityToken)]);

    public static bool TryDecode(string token, out Guid userId, out string identityToken)
    {
        userId = Guid.Empty;
        identityToken = string.Empty;
        if (token.Length > 4096 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length <= 16)
        {
            return false;
        }

        userId = new Guid(bytes.AsSpan(0, 16));
        identityToken = Encoding.UTF8.GetString(bytes.AsSpan(16));
        return true;
    }
}

/// <summary>
/// A token mailed in a link (an email revert, a verification): <c>{user id}.{32 random bytes}</c> (base64url); the
/// store keeps the SHA-256 of the random part only, in Identity's user tokens.
/// </summary>
internal static class MailedToken
{
    public static (string Token, string Hash) Create(Guid userId)
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return ($"{userId:N}.{Base64Url.EncodeToString(secret)}", Base64Url.EncodeToString(SHA256.HashData(secret)));
    }

    public static bool TryRead(string token, out Guid userId, out string hash)
    {
        hash = string.Empty;
        userId = Guid.Empty;
        Span<byte> secret = stackalloc byte[35];
        if (token.Length > 200 || token.IndexOf('.', StringComparison.Ordinal) != 32 || !Guid.TryParseExact(token.AsSpan(0, 32), "N", out userId)
            || !Base64Url.TryDecodeFromChars(token.AsSpan(33), secret, out var written) || written != 32)
        {
            return false;
        }

        hash = Base64Url.EncodeToString(SHA256.HashData(secret[..written]));
        return true;
    }
}
