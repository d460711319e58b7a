using CleanApp.Application.Common.Errors;
using CleanApp.Application.Users;
using FluentValidation;
using FluentValidation.Results;

namespace CleanApp.Infrastructure.Identity;

/// <summary>Identity's answers turned into the application's errors: validation failures and conflicts.</summary>
internal static class IdentityResults
{
    /// <summary>
    /// Identity's rules for an account (a well-formed email no other account has: else a <c>ConflictException</c>), with
    /// its normalized names; checked before the unit of work saves, which Identity's user manager would do itself.
    /// </summary>
    public static async Task CheckAccountAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        foreach (var validator in users.UserValidators)
        {
            ThrowIfFailed(await validator.ValidateAsync(users, user));
        }
    }

    /// <summary>Gives a changed account a new concurrency stamp, as Identity's store does on every update.</summary>
    public static void Touch(ApplicationUser user) => user.ConcurrencyStamp = Guid.NewGuid().ToString();

    /// <summary>Checks a new password against the policy before anything is saved, so a refusal changes nothing.</summary>
    public static async Task CheckPasswordPolicyAsync(UserManager<ApplicationUser> users, ApplicationUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        ThrowIfFailed(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Sets a new password (checked against the policy) and a new security stamp, unsaved: older tokens stop working once saved.</summary>
    public static async Task SetPasswordAsync(UserManager<ApplicationUser> users, ApplicationUser user, string password)
    {
        await CheckPasswordPolicyAsync(users, user, password);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new ConflictException(UserErrors.EmailTaken);
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
