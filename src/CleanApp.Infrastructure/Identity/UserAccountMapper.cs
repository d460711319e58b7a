using CleanApp.Domain.Users;
using Riok.Mapperly.Abstractions;

namespace CleanApp.Infrastructure.Identity;

/// <summary>The identity store's user as the use cases see it: every account field, none of the credentials.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
internal static partial class UserAccountMapper
{
    [MapProperty(nameof(ApplicationUser.EmailConfirmed), nameof(UserAccount.EmailVerified))]
    [MapProperty(nameof(ApplicationUser.TwoFactorEnabled), nameof(UserAccount.MfaEnabled))]
    public static partial UserAccount ToAccount(this ApplicationUser user);

    public static partial IQueryable<UserAccount> ProjectToAccount(this IQueryable<ApplicationUser> users);
}
