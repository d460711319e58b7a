using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// Proving who one is and changing how: sign-in, password change, password reset and the revert of an email change.
/// Each is one call that returns an outcome; what it changes is saved by the use case's unit of work (with the sessions
/// it ends: a reset and the sign-out it causes commit together). Counting wrong passwords is the use cases' (Auth's
/// PasswordGuesses). A new password that breaks the policy surfaces as a FluentValidation failure.
/// </summary>
public interface ICredentials
{
    /// <summary>Checks a sign-in. Takes the same time whether or not the email exists.</summary>
    Task<CredentialCheck> SignInAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>Whether this is the account's password (false when there is no such account).</summary>
    Task<bool> VerifyPasswordAsync(Guid id, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the password if <paramref name="currentPassword"/> is right (reset links mailed before stop working).
    /// Failed when it is wrong or there is no such account.
    /// </summary>
    Task<CredentialCheck> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken);

    /// <summary>A single-use, URL-safe reset token, valid for a limited time, for the active account with this email; null when there is none.</summary>
    Task<PasswordReset?> CreatePasswordResetAsync(string email, CancellationToken cancellationToken);

    /// <summary>Sets a new password with a reset token, which is then spent; names the account reset.</summary>
    Task<PasswordResetResult> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// A single-use token that puts <paramref name="previousEmail"/> back on the account, valid until
    /// <paramref name="validUntil"/> whatever else changes meanwhile (a new password, a reset, another email change); null
    /// when the account is gone.
    /// </summary>
    Task<string?> CreateEmailRevertAsync(Guid userId, string previousEmail, DateTimeOffset changedAt, DateTimeOffset validUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the address back with a revert token (which is spent, with those of later changes), and a new security stamp
    /// (every reset link dies); names the account.
    /// </summary>
    Task<EmailRevertResult> RevertEmailAsync(string token, CancellationToken cancellationToken);
}

public enum CredentialOutcome
{
    Succeeded,
    Failed,
}

/// <summary>The outcome of presenting a password: the account when it succeeded.</summary>
public sealed record CredentialCheck(CredentialOutcome Result, UserAccount? Account = null);

/// <summary>A reset token made for an account, to be mailed to it.</summary>
public sealed record PasswordReset(UserAccount Account, string Token);

/// <summary>What a reset did, and to which account (when the token named one).</summary>
public sealed record PasswordResetResult(PasswordResetOutcome Outcome, Guid? UserId = null);

public enum PasswordResetOutcome
{
    Reset,
    InvalidToken,
    InactiveUser,
}

/// <summary>What a revert did, and to which account.</summary>
public sealed record EmailRevertResult(EmailRevertOutcome Outcome, Guid? UserId = null);

public enum EmailRevertOutcome
{
    Reverted,

    /// <summary>Unknown, malformed, expired or spent.</summary>
    InvalidToken,

    /// <summary>Another account has the address now.</summary>
    EmailTaken,
}
