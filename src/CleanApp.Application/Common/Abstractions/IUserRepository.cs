using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// The accounts of the identity store: find, add, change, remove. Changes are tracked and saved by the use case's unit
/// of work, with whatever else it changed (an administrator's new password and the sign-out it causes commit
/// together). It enforces what only it can (a well-formed, unused email; the password policy) before anything is
/// saved: password and email problems surface as FluentValidation failures, a taken email as a
/// <c>ConflictException</c> (one taken by a concurrent request in the meantime: <c>DuplicateKeyException</c> at the
/// save). The rules about who may do what stay in the handlers. Credentials (sign-in, password change, reset) are
/// <see cref="ICredentials"/>; lists are read by <c>IUserQueries</c>.
/// </summary>
public interface IUserRepository
{
    /// <summary>The account; as this use case's last save left it, when it changed it (no read then).</summary>
    Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The account with its custom roles and the permissions they grant, in one read; null when none has this id.</summary>
    Task<AccountWithRoles?> FindWithRolesAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>How many accounts are both active and superusers.</summary>
    Task<int> CountActiveSuperusersAsync(CancellationToken cancellationToken);

    /// <summary>Adds an account (it records <c>UserRegistered</c>); answers its id.</summary>
    Task<Guid> AddAsync(NewUserAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the set fields; null when no account has this id. A new email also gets the account a new security
    /// stamp (reset links mailed before stop working) and records <c>EmailChanged</c> (the previous address is mailed a
    /// way back).
    /// </summary>
    Task<AccountUpdate?> UpdateAsync(Guid id, UserAccountChanges changes, CancellationToken cancellationToken);

    /// <summary>Removes the account (its items and sessions go with it, by the database's cascades); false when there is none.</summary>
    Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>What an update changed that the use case acts on: whether the email changed.</summary>
public sealed record AccountUpdate(bool EmailChanged);

public sealed record AccountWithRoles(UserAccount Account, GrantedRoles Roles);

/// <summary>A new account's fields; <see cref="SignedUp"/> when its owner opened it (signup), not an administrator.</summary>
public sealed record NewUserAccount(string Email, string Password, string? FullName, bool IsActive, bool IsSuperuser, bool SignedUp = false);

/// <summary>The fields an update sets; unset fields stay as they are.</summary>
public sealed record UserAccountChanges(
    Optional<string> Email = default,
    Optional<string?> FullName = default,
    Optional<bool> IsActive = default,
    Optional<bool> IsSuperuser = default,
    Optional<string> Password = default);
