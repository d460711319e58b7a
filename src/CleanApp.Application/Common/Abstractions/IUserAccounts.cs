using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// The identity store: accounts and their credentials. It enforces what only it can (unique emails, the password
/// policy, lockout, single-use reset tokens); the rules about who may do what stay in the handlers.
/// Password and email problems surface as FluentValidation failures, a taken email as a <c>ConflictException</c>.
/// </summary>
public interface IUserAccounts
{
    Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>A page of accounts, newest first (id breaking ties).</summary>
    Task<Page<UserAccount>> ListAsync(int skip, int limit, CancellationToken cancellationToken);

    Task<UserAccount> CreateAsync(NewUserAccount account, CancellationToken cancellationToken);

    /// <summary>Applies the set fields; null when no account has this id.</summary>
    Task<UserAccount?> UpdateAsync(Guid id, UserAccountChanges changes, CancellationToken cancellationToken);

    /// <summary>Deletes the account (its items go with it, by the database's cascade); false when there was none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a sign-in, counting failures towards lockout. Takes the same time whether or not the email exists.
    /// </summary>
    Task<SignInCheck> CheckSignInAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>Changes the password if <paramref name="currentPassword"/> is right; every token issued before stops working.</summary>
    Task<bool> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken);

    /// <summary>A single-use, URL-safe reset token for the account, valid for a limited time.</summary>
    Task<string> CreatePasswordResetTokenAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The account a reset token was made for, if the token is still valid.</summary>
    Task<UserAccount?> FindByPasswordResetTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>Sets a new password with a reset token, which is then spent; false when the token is not valid.</summary>
    Task<bool> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken);
}

public sealed record NewUserAccount(string Email, string Password, string? FullName, bool IsActive, bool IsSuperuser);

/// <summary>The fields an update sets; unset fields stay as they are.</summary>
public sealed record UserAccountChanges(
    Optional<string> Email = default,
    Optional<string?> FullName = default,
    Optional<bool> IsActive = default,
    Optional<bool> IsSuperuser = default,
    Optional<string> Password = default);

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

public sealed record SignInCheck(SignInOutcome Result, UserAccount? Account = null, TimeSpan? RetryAfter = null);
