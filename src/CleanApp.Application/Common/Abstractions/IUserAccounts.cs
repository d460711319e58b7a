using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// The accounts of the identity store: find, list, create, update, delete. It enforces what only it can (unique
/// emails, the password policy); the rules about who may do what stay in the handlers. Password and email problems
/// surface as FluentValidation failures, a taken email as a <c>ConflictException</c>. Credentials (sign-in,
/// password change, reset) are <see cref="ICredentials"/>; lists are read by <c>IUserQueries</c>.
/// </summary>
public interface IUserAccounts
{
    Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The account with its custom roles and the permissions they grant, in one read; null when none has this id.</summary>
    Task<AccountWithRoles?> FindWithRolesAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>How many accounts are both active and superusers.</summary>
    Task<int> CountActiveSuperusersAsync(CancellationToken cancellationToken);

    Task<UserAccount> CreateAsync(NewUserAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the set fields, in one save; null when no account has this id. A new email also gets the account a new
    /// security stamp (reset links mailed before stop working) and records <c>EmailChanged</c> (the previous address is
    /// mailed a way back).
    /// </summary>
    Task<AccountUpdate?> UpdateAsync(Guid id, UserAccountChanges changes, CancellationToken cancellationToken);

    /// <summary>Deletes the account (its items go with it, by the database's cascade); false when there was none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>An account as an update left it, and whether its email changed.</summary>
public sealed record AccountUpdate(UserAccount Account, bool EmailChanged);

public sealed record AccountWithRoles(UserAccount Account, GrantedRoles Roles);

public sealed record NewUserAccount(string Email, string Password, string? FullName, bool IsActive, bool IsSuperuser);

/// <summary>The fields an update sets; unset fields stay as they are.</summary>
public sealed record UserAccountChanges(
    Optional<string> Email = default,
    Optional<string?> FullName = default,
    Optional<bool> IsActive = default,
    Optional<bool> IsSuperuser = default,
    Optional<string> Password = default);
