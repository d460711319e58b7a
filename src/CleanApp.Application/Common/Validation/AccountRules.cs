using System.Linq.Expressions;
using System.Net.Mail;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Validation;

/// <summary>The account field rules every validator shares, from the domain's limits.</summary>
internal static class AccountRules
{
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .MaximumLength(UserRules.EmailMaxLength)
            .Must(BeAnEmailAddress).WithMessage("'{PropertyName}' is not a valid email address.");

    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Length(UserRules.PasswordMinLength, UserRules.PasswordMaxLength);

    public static IRuleBuilderOptions<T, string?> ValidFullName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(UserRules.FullNameMaxLength);

    /// <summary>
    /// Rules for an optional field: checked only when the client sent it, and reported under the field's own name.
    /// </summary>
    public static void RuleForOptional<T, TProperty>(
        this AbstractValidator<T> validator,
        Expression<Func<T, Optional<TProperty>>> field,
        Func<IRuleBuilderInitial<T, TProperty>, IRuleBuilderOptions<T, TProperty>> rules)
    {
        var name = ((MemberExpression)field.Body).Member.Name;
        var read = field.Compile();
        validator.When(c => read(c).HasValue, () => rules(validator.RuleFor(c => read(c).Value)).OverridePropertyName(name));
    }

    /// <summary>A single plain address (no display name, no spaces) whose domain has a dot.</summary>
    private static bool BeAnEmailAddress(string? value) =>
        value is not null
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.DisplayName.Length == 0
        && !value.Any(char.IsWhiteSpace)
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}

/// <summary>A request that opens an account, through whichever door.</summary>
public interface INewAccountRequest
{
    string Email { get; }

    string Password { get; }

    string? FullName { get; }
}

/// <summary>The rules every request that opens an account obeys (signup, a superuser creating one).</summary>
internal abstract class NewAccountValidator<T> : AbstractValidator<T>
    where T : INewAccountRequest
{
    protected NewAccountValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).ValidPassword();
        RuleFor(c => c.FullName).ValidFullName();
    }
}
