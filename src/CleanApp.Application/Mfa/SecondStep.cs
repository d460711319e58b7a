using CleanApp.Application.Auth;

namespace CleanApp.Application.Mfa;

/// <summary>
/// Checks a second step: a TOTP, refused when it was accepted before within its window (RFC 6238 §5.2: a code is
/// good once), or a recovery code, spent by its use. Both decided where every instance sees them.
/// </summary>
internal sealed class SecondStep(IAuthenticators authenticators, IThrottles throttles)
{
    /// <summary>Longer than the window Identity accepts a code in (the time step and two on each side: 2.5 minutes).</summary>
    private static readonly TimeSpan CodeWindow = TimeSpan.FromMinutes(3);

    public async Task<bool> IsCodeAsync(Guid userId, string code, CancellationToken cancellationToken) =>
        await authenticators.IsCodeAsync(userId, code, cancellationToken)
        && await throttles.TryStartCooldownAsync($"totp-used:{userId:N}:{code}", CodeWindow, cancellationToken);

    /// <summary>
    /// Spends a recovery code. Two requests presenting it at once would both find it in the account's list (its row
    /// has no version): a cooldown under its hash, longer than the set lives, lets one through.
    /// </summary>
    public async Task<bool> RedeemRecoveryCodeAsync(Guid userId, string code, CancellationToken cancellationToken) =>
        await authenticators.RedeemRecoveryCodeAsync(userId, code, cancellationToken) is { } hash
        && await throttles.TryStartCooldownAsync($"recovery-used:{userId:N}:{hash}", TimeSpan.FromDays(400), cancellationToken);

    /// <summary>A TOTP (six digits) or else a recovery code.</summary>
    public async Task<bool> IsCodeOrRecoveryCodeAsync(Guid userId, string code, CancellationToken cancellationToken) =>
        code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await IsCodeAsync(userId, code, cancellationToken)
            : await RedeemRecoveryCodeAsync(userId, code, cancellationToken);
}

/// <summary>
/// What turning the second step off or replacing its recovery codes asks of the caller: that it is on, their
/// password (guesses counted as at sign-in), and a code of it (a TOTP or a recovery code).
/// </summary>
internal sealed class OwnerProof(IUserRepository accounts, PasswordCheck passwords, SecondStep secondStep)
{
    public async Task ProveAsync(Guid userId, string password, string code, SessionClient? client, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken) ?? throw new UnauthenticatedException();
        if (!account.MfaEnabled)
        {
            throw new BadRequestException(MfaMessages.NotOn);
        }

        await passwords.CheckAsync(userId, password, client, cancellationToken);
        if (!await secondStep.IsCodeOrRecoveryCodeAsync(userId, code, cancellationToken))
        {
            throw new BadRequestException(MfaMessages.InvalidCode);
        }
    }
}

/// <summary>What the answers of the second step's routes say.</summary>
internal static class MfaMessages
{
    public const string InvalidCode = "Invalid code";
    public const string AlreadyOn = "Two-step sign-in is on already: turn it off first";
    public const string NotOn = "Two-step sign-in is not on for this account";
}

/// <summary>A new authenticator key, to show as text and as a QR code (the otpauth URI authenticator apps read).</summary>
public sealed record TotpSetup(string Secret, string OtpauthUri);

/// <summary>Single-use recovery codes, shown once: each signs in once in place of a TOTP.</summary>
public sealed record RecoveryCodeSet(IReadOnlyList<string> RecoveryCodes);
