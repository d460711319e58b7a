using CleanApp.Application.Common.Events;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Auth;

/// <summary>
/// Mails the reset link once a recovery request has committed, if an active account has the address. The token is made
/// now (so none waits in the outbox). A refused delivery throws: the outbox retries it with backoff.
/// </summary>
internal sealed class SendPasswordResetMail(ICredentials credentials, IEmailSender sender, ApplicationSettings settings)
    : IDomainEventHandler<PasswordRecoveryRequested>
{
    public async ValueTask HandleAsync(PasswordRecoveryRequested domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
    {
        if (await credentials.CreatePasswordResetAsync(domainEvent.Email, cancellationToken) is { } reset)
        {
            var mail = PasswordRecoveryEmail.Create(settings, reset.Account.Email, reset.Token) with { Id = delivery.MessageId.ToString("N") };
            await sender.SendAsync(mail, cancellationToken);
        }
    }
}
