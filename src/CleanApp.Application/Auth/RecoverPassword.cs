using CleanApp.Application.Common.Events;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Auth;

/// <summary>
/// Mails a single-use reset link to an active account with this email, at most once per address per
/// <c>RECOVERY_MAIL_COOLDOWN_SECONDS</c> however many requests reach however many instances. The answer is the same
/// whether or not such an account exists, and the request does the same work either way: it starts the address's
/// cooldown and records the request (a domain event, in the outbox) without looking the address up; the mail is sent
/// after the commit, in the background (<see cref="SendPasswordResetMail"/>), which finds the account.
/// </summary>
[Anonymous]
public sealed record RecoverPasswordCommand(string Email) : ICommand<Confirmation>;

internal sealed class RecoverPasswordCommandValidator : AbstractValidator<RecoverPasswordCommand>
{
    public RecoverPasswordCommandValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(UserRules.EmailMaxLength);
}

internal sealed class RecoverPasswordCommandHandler(IThrottles throttles, IOutbox outbox, ApplicationSettings settings)
    : ICommandHandler<RecoverPasswordCommand, Confirmation>
{
    internal const string Answer = "If that email belongs to an account, a password recovery email has been sent";

    public async ValueTask<Confirmation> Handle(RecoverPasswordCommand command, CancellationToken cancellationToken)
    {
        if (await throttles.TryStartCooldownAsync(CooldownKey(command.Email), settings.RecoveryMailCooldown, cancellationToken))
        {
            // Not the request's token: the cooldown has started, so a client that hangs up now still gets its mail.
            await outbox.RecordAsync(new PasswordRecoveryRequested(command.Email), CancellationToken.None);
        }

        return new Confirmation(Answer);
    }

    /// <summary>One cooldown per address, as the identity store compares them (case-insensitively).</summary>
    internal static string CooldownKey(string email) => $"recovery-mail:{email.ToUpperInvariant()}";
}
