using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// Proving who one is and changing how: sign-in, password change and password reset. Each is one call that returns
/// an outcome and saves at most once. Wrong passwords, at sign-in or when changing the password, count toward the
/// same lockout. A new password that breaks the policy surfaces as a FluentValidation failure.
/// </summary>
public interface ICredentials
{
    /// <summary>Checks a sign-in. Takes the same time whether or not the email exists.</summary>
    Task<CredentialCheck> SignInAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the password if <paramref name="currentPassword"/> is right and the account is not locked out (reset
    /// links mailed before stop working). Failed when there is no such account.
    /// </summary>
    Task<CredentialCheck> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// A single-use, URL-safe reset token, valid for a limited time, for the active account with this email; null when
    /// there is none. One lookup either way.
    /// </summary>
    Task<PasswordReset?> CreatePasswordResetAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the active account with this email asked for a password reset (<c>PasswordResetRequested</c>, saved
    /// with its outbox message: the mail goes out after the commit); nothing for an unknown or inactive email. One
    /// lookup either way, and one insert for a known one: the answer takes as long.
    /// </summary>
    Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken);

    /// <summary>A reset token for the account with this id if it is still active (when its reset mail is sent); else null.</summary>
    Task<PasswordReset?> CreatePasswordResetAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Sets a new password with a reset token, which is then spent, and lifts any lockout; names the account reset.</summary>
    Task<PasswordResetResult> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken);
}

public enum CredentialOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>The outcome of presenting a password: the account when it succeeded, how long to wait when locked out.</summary>
public sealed record CredentialCheck(CredentialOutcome Result, UserAccount? Account = null, TimeSpan? RetryAfter = null);

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
