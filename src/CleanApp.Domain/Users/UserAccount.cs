namespace CleanApp.Domain.Users;

/// <summary>A user account as the use cases see it; credentials stay with the identity store.</summary>
public sealed record UserAccount(
    Guid Id,
    string Email,
    string? FullName,
    bool IsActive,
    bool IsSuperuser,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy,
    int Version)
{
    /// <summary>A superuser may not delete their own account: the system must keep someone who can administer it.</summary>
    public static bool MayDelete(UserIdentity actor, Guid accountId) => actor.Id != accountId || !actor.IsSuperuser;
}
