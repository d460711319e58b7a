using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Security;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Auth;

/// <summary>
/// Mails a single-use reset link to an active account with this email. The answer is the same whether or not such an
/// account exists, and takes as long: the mail is queued and sent in the background, so neither a slow mail server
/// nor a failed delivery shows in it.
/// </summary>
public sealed record RecoverPasswordCommand(string Email) : ICommand<Confirmation>, IAnonymousRequest;

internal sealed class RecoverPasswordCommandValidator : AbstractValidator<RecoverPasswordCommand>
{
    public RecoverPasswordCommandValidator() => RuleFor(c => c.Email).NotEmpty();
}

internal sealed class RecoverPasswordCommandHandler(ICredentials credentials, IEmailOutbox outbox, ApplicationSettings settings)
    : ICommandHandler<RecoverPasswordCommand, Confirmation>
{
    internal const string Answer = "If that email belongs to an account, a password recovery email has been sent";

    public async ValueTask<Confirmation> Handle(RecoverPasswordCommand command, CancellationToken cancellationToken)
    {
        if (await credentials.CreatePasswordResetAsync(command.Email, cancellationToken) is { } reset)
        {
            outbox.Queue(PasswordRecoveryEmail.Create(settings, reset.Account.Email, reset.Token));
        }

        return new Confirmation(Answer);
    }
}
