using System.Buffers.Text;
using System.Text;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Telemetry;
using CleanApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static CleanApp.Infrastructure.Identity.IdentityResults;

namespace CleanApp.Infrastructure.Identity;

/// <summary>Sign-in, password change and reset on ASP.NET Core Identity, with its lockout and single-use reset tokens.</summary>
internal sealed class Credentials(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    UnknownUserHash unknownUserHash,
    TimeProvider timeProvider,
    AppTelemetry telemetry) : ICredentials
{
    public async Task<CredentialCheck> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        // Known or unknown, a failed sign-in costs the same: one lookup, one password hash check, one UPDATE by
        // email (which changes no row for an unknown email). Nothing in the answer's timing tells them apart.
        var normalized = users.NormalizeEmail(email);
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            unknownUserHash.Verify(users.PasswordHasher, password);
            await RecordFailureAsync(normalized, null, cancellationToken);
            return new CredentialCheck(CredentialOutcome.Failed);
        }

        var check = await CheckPasswordAsync(user, password, cancellationToken);
        if (check.Result == CredentialOutcome.Succeeded && user.AccessFailedCount > 0)
        {
            await SaveAsync(() => users.ResetAccessFailedCountAsync(user));
        }

        return check;
    }

    public async Task<CredentialCheck> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new CredentialCheck(CredentialOutcome.Failed);
        }

        var check = await CheckPasswordAsync(user, currentPassword, cancellationToken);
        if (check.Result != CredentialOutcome.Succeeded)
        {
            return check;
        }

        await SetPasswordAsync(users, user, newPassword);
        user.AccessFailedCount = 0;
        await SaveAsync(() => users.UpdateAsync(user));
        return check with { Account = user.ToAccount() };
    }

    public async Task<PasswordReset?> CreatePasswordResetAsync(string email, CancellationToken cancellationToken) =>
        await ResetForAsync(await users.FindByEmailAsync(email));

    public async Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is { IsActive: true } user)
        {
            user.RecordPasswordResetRequest();
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task<PasswordReset?> CreatePasswordResetAsync(Guid userId, CancellationToken cancellationToken) =>
        await ResetForAsync(await users.FindByIdAsync(userId.ToString()));

    /// <summary>A reset token for this account if it is active; else null.</summary>
    private async Task<PasswordReset?> ResetForAsync(ApplicationUser? user) => user is { IsActive: true }
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

        // The new security stamp spends this token and every older one; one save sets it all.
        await SetPasswordAsync(users, user, newPassword);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await SaveAsync(() => users.UpdateAsync(user));
        return new PasswordResetResult(PasswordResetOutcome.Reset, user.Id);
    }

    /// <summary>Checks a password of a known account, refusing while it is locked out and counting a wrong one.</summary>
    private async Task<CredentialCheck> CheckPasswordAsync(ApplicationUser user, string password, CancellationToken cancellationToken)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return LockedOut(user.LockoutEnd);
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            return new CredentialCheck(CredentialOutcome.Succeeded, user.ToAccount());
        }

        var lockedUntil = await RecordFailureAsync(user.NormalizedEmail, user, cancellationToken);
        return lockedUntil is null ? new CredentialCheck(CredentialOutcome.Failed) : LockedOut(lockedUntil);
    }

    /// <summary>
    /// Counts a failed password as Identity's lockout does (the Nth failure locks the account for the lockout time and
    /// restarts the count), in one statement keyed by the email. Returns the lockout end if this failure locked it.
    /// </summary>
    private async Task<DateTimeOffset?> RecordFailureAsync(string? normalizedEmail, ApplicationUser? user, CancellationToken cancellationToken)
    {
        var lockout = users.Options.Lockout;
        var until = timeProvider.GetUtcNow() + lockout.DefaultLockoutTimeSpan;
        var max = lockout.MaxFailedAccessAttempts;
        await db.Users
            .Where(u => u.NormalizedEmail == normalizedEmail && u.LockoutEnabled)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? until : u.LockoutEnd)
                    .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1),
                CancellationToken.None); // a client that hangs up does not get its wrong guess uncounted
        if (user is { LockoutEnabled: true } && user.AccessFailedCount + 1 >= max)
        {
            telemetry.Lockout();
            return until;
        }

        return null;
    }

    private CredentialCheck LockedOut(DateTimeOffset? until) =>
        new(CredentialOutcome.LockedOut, RetryAfter: until - timeProvider.GetUtcNow());
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
