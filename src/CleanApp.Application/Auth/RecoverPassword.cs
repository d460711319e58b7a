using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Security;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanApp.Application.Auth;

/// <summary>
/// Mails a single-use reset link to an active account with this email. The answer is the same whether or not
/// such an account exists, and whether or not the mail could be sent, so it reveals nothing.
/// </summary>
public sealed record RecoverPasswordCommand(string Email) : ICommand<Confirmation>, IAnonymousRequest;

internal sealed class RecoverPasswordCommandValidator : AbstractValidator<RecoverPasswordCommand>
{
    public RecoverPasswordCommandValidator() => RuleFor(c => c.Email).NotEmpty();
}

internal sealed partial class RecoverPasswordCommandHandler(
    IUserAccounts accounts,
    IEmailSender email,
    ApplicationSettings settings,
    ILogger<RecoverPasswordCommandHandler> logger) : ICommandHandler<RecoverPasswordCommand, Confirmation>
{
    internal const string Answer = "If that email belongs to an account, a password recovery email has been sent";

    public async ValueTask<Confirmation> Handle(RecoverPasswordCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(command.Email, cancellationToken);
        if (account is { IsActive: true })
        {
            var token = await accounts.CreatePasswordResetTokenAsync(account.Id, cancellationToken);
            try
            {
                await email.SendAsync(PasswordRecoveryEmail.Create(settings, account.Email, token), cancellationToken);
            }
            catch (EmailDeliveryException e)
            {
                LogNotSent(logger, e, account.Id);
            }
        }

        return new Confirmation(Answer);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The password recovery email for user {UserId} could not be sent")]
    private static partial void LogNotSent(ILogger logger, Exception exception, Guid userId);
}
