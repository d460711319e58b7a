using System.Buffers.Text;
using System.Text;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Identity;

/// <summary>User accounts on ASP.NET Core Identity's user manager and EF Core stores.</summary>
internal sealed class UserAccounts(UserManager<ApplicationUser> users, AppDbContext db, TimeProvider timeProvider) : IUserAccounts
{
    internal const string EmailTaken = "The user with this email already exists in the system";

    // Verified against when the email is unknown, so that answer takes as long as a wrong password: made once, by
    // the configured hasher, so it costs what a real user's hash costs.
    private static string? unknownUserHash;

    public Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).ProjectToAccount().FirstOrDefaultAsync(cancellationToken);

    public Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(email);
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).ProjectToAccount().FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Page<UserAccount>> ListAsync(int skip, int limit, CancellationToken cancellationToken)
    {
        var count = await db.Users.CountAsync(cancellationToken);
        var data = await db.Users.AsNoTracking()
            .OrderByDescending(u => u.CreatedAt)
            .ThenByDescending(u => u.Id)
            .Skip(skip)
            .Take(limit)
            .ProjectToAccount()
            .ToListAsync(cancellationToken);
        return new Page<UserAccount>(data, count);
    }

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
        await SaveAsync(() => users.CreateAsync(user, account.Password));
        return user.ToAccount();
    }

    public async Task<UserAccount?> UpdateAsync(Guid id, UserAccountChanges changes, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        if (changes.Email.HasValue)
        {
            // Set directly: UserManager.SetEmailAsync would also reset the security stamp and sign the user out.
            user.Email = changes.Email.Value;
            user.UserName = changes.Email.Value;
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
            await CheckPasswordPolicyAsync(user, changes.Password.Value);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, changes.Password.Value);
            await SaveAsync(() => users.UpdateSecurityStampAsync(user)); // saves every change; old tokens stop working
        }
        else
        {
            await SaveAsync(() => users.UpdateAsync(user));
        }

        return user.ToAccount();
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return false;
        }

        await SaveAsync(() => users.DeleteAsync(user));
        return true;
    }

    public async Task<SignInCheck> CheckSignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        // Known or unknown, a failed sign-in costs the same: one lookup, one password hash check, one UPDATE by
        // email (which changes no row for an unknown email). Nothing in the answer's timing tells them apart.
        var normalized = users.NormalizeEmail(email);
        var user = await users.FindByEmailAsync(email);
        if (user is not null && await users.IsLockedOutAsync(user))
        {
            return LockedOut(user.LockoutEnd);
        }

        var valid = user is null
            ? VerifyAgainstUnknownUser(password)
            : await users.CheckPasswordAsync(user, password);
        if (!valid)
        {
            var lockedUntil = await RecordFailureAsync(normalized, user, cancellationToken);
            return lockedUntil is null ? new SignInCheck(SignInOutcome.Failed) : LockedOut(lockedUntil);
        }

        await users.ResetAccessFailedCountAsync(user!);
        return new SignInCheck(SignInOutcome.Succeeded, user!.ToAccount());
    }

    private bool VerifyAgainstUnknownUser(string password)
    {
        unknownUserHash ??= users.PasswordHasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), unknownUserHash, password);
        return false;
    }

    /// <summary>
    /// Counts a failed sign-in as Identity's lockout does (the Nth failure locks the account for the lockout time and
    /// restarts the count), in one statement keyed by the email. Returns the lockout end if this failure locked it.
    /// </summary>
    private async Task<DateTimeOffset?> RecordFailureAsync(string? normalizedEmail, ApplicationUser? user, CancellationToken cancellationToken)
    {
        var lockout = users.Options.Lockout;
        var until = timeProvider.GetUtcNow() + lockout.DefaultLockoutTimeSpan;
        var max = lockout.MaxFailedAccessAttempts;
        await db.Users
            .Where(u => u.NormalizedEmail == normalizedEmail && u.LockoutEnabled)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? until : u.LockoutEnd)
                    .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1),
                cancellationToken);
        return user is { LockoutEnabled: true } && user.AccessFailedCount + 1 >= max ? until : null;
    }

    public async Task<bool> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || !await users.CheckPasswordAsync(user, currentPassword))
        {
            return false;
        }

        await SaveAsync(() => users.ChangePasswordAsync(user, currentPassword, newPassword));
        return true;
    }

    public async Task<string> CreatePasswordResetTokenAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("User not found");
        return ResetToken.Encode(user.Id, await users.GeneratePasswordResetTokenAsync(user));
    }

    public async Task<UserAccount?> FindByPasswordResetTokenAsync(string token, CancellationToken cancellationToken)
    {
        var (user, identityToken) = await ReadResetTokenAsync(token);
        return user is not null && await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, identityToken)
            ? user.ToAccount()
            : null;
    }

    public async Task<bool> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken)
    {
        var (user, identityToken) = await ReadResetTokenAsync(token);
        if (user is null)
        {
            return false;
        }

        // The reset changes the security stamp, which spends this token and every older one.
        var result = await users.ResetPasswordAsync(user, identityToken, newPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return false;
        }

        ThrowIfFailed(result);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    private SignInCheck LockedOut(DateTimeOffset? until) =>
        new(SignInOutcome.LockedOut, RetryAfter: until - timeProvider.GetUtcNow());

    private async Task<(ApplicationUser? User, string IdentityToken)> ReadResetTokenAsync(string token)
    {
        if (!ResetToken.TryDecode(token, out var userId, out var identityToken))
        {
            return (null, string.Empty);
        }

        return (await users.FindByIdAsync(userId.ToString()), identityToken);
    }

    private async Task CheckPasswordPolicyAsync(ApplicationUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        ThrowIfFailed(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Runs a user manager operation, turning its refusals into the application's errors.</summary>
    private static async Task SaveAsync(Func<Task<IdentityResult>> operation)
    {
        IdentityResult result;
        try
        {
            result = await operation();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new ConflictException(EmailTaken);
        }

        ThrowIfFailed(result);
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new ConflictException(EmailTaken);
        }

        var failures = result.Errors.Select(e => new ValidationFailure(FieldOf(e.Code), e.Description)).ToList();
        if (failures.Any(f => f.PropertyName.Length == 0))
        {
            throw new InvalidOperationException($"The identity store refused the change: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        throw new ValidationException(failures);
    }

    private static string FieldOf(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "Email",
        _ => string.Empty,
    };
}

/// <summary>
/// The reset token clients see: the user id and Identity's token, URL-safe. Opaque to clients; Identity's part is
/// signed and expires, and resetting the password spends it.
/// </summary>
internal static class ResetToken
{
    public static string Encode(Guid userId, string identityToken) =>
        Base64Url.EncodeToString([.. userId.ToByteArray(), .. Encoding.UTF8.GetBytes(identityToken)]);

    public static bool TryDecode(string token, out Guid userId, out string identityToken)
    {
        userId = Guid.Empty;
        identityToken = string.Empty;
        if (token.Length > 4096 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length <= 16)
        {
            return false;
        }

        userId = new Guid(bytes.AsSpan(0, 16));
        identityToken = Encoding.UTF8.GetString(bytes.AsSpan(16));
        return true;
    }
}
