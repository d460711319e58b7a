using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Persistence;
using static CleanApp.Infrastructure.Identity.IdentityResults;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// User accounts in Identity's tables, checked by Identity's validators and password policy, tracked for the unit of
/// work (Identity's user manager would save each change itself).
/// </summary>
internal sealed class UserRepository(UserManager<ApplicationUser> users, AppDbContext db, TimeProvider timeProvider) : IUserRepository
{

    public async Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.Local.FindEntry(id) is { State: EntityState.Unchanged } saved
            ? saved.Entity.ToAccount()
            : await db.Users.AsNoTracking().Where(u => u.Id == id).ProjectToAccount().FirstOrDefaultAsync(cancellationToken);

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
                        user.Id, user.Email!, user.FullName, user.IsActive, user.IsSuperuser, user.EmailConfirmed, user.TwoFactorEnabled, user.CreatedAt, user.CreatedBy, user.UpdatedAt,
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

    public async Task<Guid> AddAsync(NewUserAccount account, CancellationToken cancellationToken)
    {
        var user = new ApplicationUser
        {
            UserName = account.Email,
            Email = account.Email,
            FullName = account.FullName,
            IsActive = account.IsActive,
            IsSuperuser = account.IsSuperuser,
            LockoutEnabled = users.Options.Lockout.AllowedForNewUsers,
        };
        await SetPasswordAsync(users, user, account.Password);
        await CheckAccountAsync(users, user);
        user.RecordRegistration(account.SignedUp);
        db.Users.Add(user);
        return user.Id;
    }

    public async Task<AccountUpdate?> UpdateAsync(Guid id, UserAccountChanges changes, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (changes.Password.HasValue)
        {
            // Checked before anything changes, so a refused password leaves the other fields as they were too.
            await SetPasswordAsync(users, user, changes.Password.Value);
        }

        var previousEmail = user.Email;
        if (changes.Email.HasValue)
        {
            user.ChangeEmail(changes.Email.Value, timeProvider.GetUtcNow());
            await CheckAccountAsync(users, user);
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

        Touch(user);
        return new AccountUpdate(!string.Equals(previousEmail, user.Email, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is not null)
        {
            db.Users.Remove(user);
        }

        return user is not null;
    }
}
