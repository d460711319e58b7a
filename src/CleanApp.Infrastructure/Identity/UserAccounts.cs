using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static CleanApp.Infrastructure.Identity.IdentityResults;

namespace CleanApp.Infrastructure.Identity;

/// <summary>User accounts on ASP.NET Core Identity's user manager and EF Core stores.</summary>
internal sealed class UserAccounts(UserManager<ApplicationUser> users, AppDbContext db, DatabaseErrors errors, TimeProvider timeProvider) : IUserAccounts
{

    public Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).ProjectToAccount().FirstOrDefaultAsync(cancellationToken);

    public Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(email);
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).ProjectToAccount().FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<AccountWithRoles?> FindWithRolesAsync(Guid id, CancellationToken cancellationToken)
    {
        // The account and its grants in one round trip: a row per grant, or one without any.
        var grants = Grants.Rows(db);
        var rows = await (
                from user in db.Users.Where(u => u.Id == id)
                from grant in grants.Where(g => g.UserId == user.Id).DefaultIfEmpty()
                select new
                {
                    Account = new UserAccount(
                        user.Id, user.Email!, user.FullName, user.IsActive, user.IsSuperuser, user.CreatedAt, user.CreatedBy, user.UpdatedAt,
                        user.UpdatedBy, user.Version),
                    Role = (string?)grant!.Role,
                    grant.Permission,
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.Count == 0
            ? null
            : new AccountWithRoles(rows[0].Account, GrantedRoles.Of(rows.Select(r => r.Role), rows.Select(r => r.Permission)));
    }

    public Task<int> CountActiveSuperusersAsync(CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.IsSuperuser && u.IsActive, cancellationToken);

    public async Task<UserAccount> CreateAsync(NewUserAccount account, CancellationToken cancellationToken)
    {
        var user = new ApplicationUser
        {
            UserName = account.Email,
            Email = account.Email,
            FullName = account.FullName,
            IsActive = account.IsActive,
            IsSuperuser = account.IsSuperuser,
        };
        user.RecordRegistration();
        await SaveAsync(errors, () => users.CreateAsync(user, account.Password));
        return user.ToAccount();
    }

    public async Task<AccountUpdate?> UpdateAsync(Guid id, UserAccountChanges changes, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        var previousEmail = user.Email;
        if (changes.Email.HasValue)
        {
            user.ChangeEmail(changes.Email.Value, timeProvider.GetUtcNow());
        }

        if (changes.FullName.HasValue)
        {
            user.FullName = changes.FullName.Value;
        }

        if (changes.IsActive.HasValue)
        {
            user.IsActive = changes.IsActive.Value;
        }

        if (changes.IsSuperuser.HasValue)
        {
            user.IsSuperuser = changes.IsSuperuser.Value;
        }

        if (changes.Password.HasValue)
        {
            // Checked before anything is saved, so a refused password leaves the other fields unchanged too.
            await SetPasswordAsync(users, user, changes.Password.Value);
        }

        await SaveAsync(errors, () => users.UpdateAsync(user));
        return new AccountUpdate(user.ToAccount(), !string.Equals(previousEmail, user.Email, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return false;
        }

        await SaveAsync(errors, () => users.DeleteAsync(user));
        return true;
    }
}
