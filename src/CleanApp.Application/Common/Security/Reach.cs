using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Security;

/// <summary>
/// No permission reaches beyond its holder (the domain's <see cref="UserIdentity.Lacking"/>): the 403s that say what
/// the caller lacks, the same wherever an account or a role is acted on.
/// </summary>
internal static class Reach
{
    public const string SuperusersOnly = "Only a superuser may make a superuser, or change or delete a superuser's account";

    /// <summary>403 unless the caller may act on this account: a superuser's only a superuser; any other only a holder of all its permissions.</summary>
    public static void ThrowUnlessReaches(UserIdentity caller, AccountWithRoles target)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        if (caller.IsSuperuser)
        {
            return;
        }

        if (target.Account.IsSuperuser)
        {
            throw new ForbiddenException(SuperusersOnly);
        }

        var lacking = caller.Lacking(target.Roles.Permissions);
        if (lacking.Count > 0)
        {
            throw new ForbiddenException(
                $"You may act only on accounts whose every permission you hold; this one holds {string.Join(", ", lacking)}, which you do not.");
        }
    }

    /// <summary>403 unless the caller holds every one of these permissions (a role it creates, changes, deletes or gives).</summary>
    public static void ThrowUnlessHolds(UserIdentity caller, IEnumerable<string> permissions, string what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var lacking = caller.Lacking(permissions);
        if (lacking.Count > 0)
        {
            throw new ForbiddenException($"You may {what} only with permissions you hold yourself; you do not hold {string.Join(", ", lacking)}.");
        }
    }
}
