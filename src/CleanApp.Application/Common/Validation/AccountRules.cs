using System.Net.Mail;
using CleanApp.Domain.Users;
using FluentValidation;

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
