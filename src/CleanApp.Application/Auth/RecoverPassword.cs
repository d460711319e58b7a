using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Security;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Auth;

/// <summary>
/// Mails a single-use reset link to an active account with this email. The answer is the same whether or not such an
/// account exists, and takes as long: the request is recorded (a domain event, in the outbox) and the mail sent after
/// the commit, in the background (<see cref="SendPasswordResetMail"/>), so neither a slow mail server, a failed
/// delivery nor a restart shows in it or loses it.
/// </summary>
[Anonymous]
public sealed record RecoverPasswordCommand(string Email) : ICommand<Confirmation>;

internal sealed class RecoverPasswordCommandValidator : AbstractValidator<RecoverPasswordCommand>
{
    public RecoverPasswordCommandValidator() => RuleFor(c => c.Email).NotEmpty();
}

internal sealed class RecoverPasswordCommandHandler(ICredentials credentials)
    : ICommandHandler<RecoverPasswordCommand, Confirmation>
{
    internal const string Answer = "If that email belongs to an account, a password recovery email has been sent";

    public async ValueTask<Confirmation> Handle(RecoverPasswordCommand command, CancellationToken cancellationToken)
    {
        await credentials.RequestPasswordResetAsync(command.Email, cancellationToken);
        return new Confirmation(Answer);
    }
}
