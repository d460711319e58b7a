using CleanApp.Application.Users;

namespace CleanApp.Application.Auth;

/// <summary>
/// The password recovery email an account would get, with a working single-use link, shown instead of sent
/// (holders of users.recovery-mail: to check the mail's content), for an account whose every permission the caller
/// holds too (the link hands over the account). Nothing is mailed.
/// </summary>
[RequiresPermission(UserPermissions.RecoveryMail)]
public sealed record RecoverPasswordHtmlContentCommand(string Email) : ICommand<RecoveryEmailContent>;

/// <summary>A recovery email's subject and HTML body.</summary>
public sealed record RecoveryEmailContent(string Subject, string Html);

internal sealed class RecoverPasswordHtmlContentCommandValidator : AbstractValidator<RecoverPasswordHtmlContentCommand>
{
    public RecoverPasswordHtmlContentCommandValidator() => RuleFor(c => c.Email).NotEmpty();
}

internal sealed class RecoverPasswordHtmlContentCommandHandler(
    ICredentials credentials, IUserRepository accounts, ICurrentUser currentUser, ApplicationSettings settings)
    : ICommandHandler<RecoverPasswordHtmlContentCommand, RecoveryEmailContent>
{
    /// <summary>The FastAPI template's answer for an email without an (active) account.</summary>
    internal const string NoSuchUser = "The user with this username does not exist in the system.";

    public async ValueTask<RecoveryEmailContent> Handle(RecoverPasswordHtmlContentCommand command, CancellationToken cancellationToken)
    {
        // The link works: it would hand the account to whoever holds users.recovery-mail without holding what it holds.
        var caller = currentUser.Required();
        if (!caller.IsSuperuser && await accounts.FindByEmailAsync(command.Email, cancellationToken) is { } account)
        {
            Reach.ThrowUnlessReaches(caller, await accounts.FindWithRolesAsync(account.Id, cancellationToken) ?? throw new NotFoundException(NoSuchUser));
        }

        var reset = await credentials.CreatePasswordResetAsync(command.Email, cancellationToken) ?? throw new NotFoundException(NoSuchUser);
        var email = PasswordRecoveryEmail.Create(settings, reset.Account.Email, reset.Token);
        return new RecoveryEmailContent(email.Subject, email.Html);
    }
}
