namespace CleanApp.Domain.Users;

/// <summary>A user account as the use cases see it; credentials stay with the identity store.</summary>
public sealed record UserAccount(
    Guid Id,
    string Email,
    string? FullName,
    bool IsActive,
    bool IsSuperuser,
    bool EmailVerified,
    bool MfaEnabled,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy,
    int Version)
{
    /// <summary>A superuser may not delete their own account: the system must keep someone who can administer it.</summary>
    public static bool MayDelete(UserIdentity actor, Guid accountId) => actor.Id != accountId || !actor.IsSuperuser;

    /// <summary>Whether this account may sign in with its password where addresses are verified as <paramref name="verification"/> says.</summary>
    public bool MaySignIn(EmailVerification verification) => EmailVerified || verification != EmailVerification.Required;
}
