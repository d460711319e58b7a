using System.Net;
using CleanApp.Application.Common.Events;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Users;

/// <summary>
/// Welcomes an account an administrator opened, by mail once it is committed, as the FastAPI template mails the
/// accounts a superuser creates (without their password). Nobody is mailed for signing up, as in the template (its
/// frontend's tests read the newest mail to a new address and expect the recovery mail). Nothing when no mail server
/// is configured.
/// </summary>
internal sealed class SendWelcomeMail(IUserRepository accounts, IEmailSender sender, ApplicationSettings settings)
    : IDomainEventHandler<UserRegistered>
{
    public async ValueTask HandleAsync(UserRegistered domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
    {
        if (domainEvent.SignedUp || !sender.IsConfigured || await accounts.FindAsync(domainEvent.UserId, cancellationToken) is not { } account)
        {
            return;
        }

        var subject = $"{settings.ProjectName} - New account for user {account.Email}";
        var text = $"""
            Welcome to {settings.ProjectName}, {account.Email}.

            Your account is ready: sign in at {settings.FrontendHost}
            """;
        var html = $"""
            <p>Welcome to {WebUtility.HtmlEncode(settings.ProjectName)}, {WebUtility.HtmlEncode(account.Email)}.</p>
            <p>Your account is ready: <a href="{WebUtility.HtmlEncode(settings.FrontendHost.AbsoluteUri)}">sign in</a>.</p>
            """;
        await sender.SendAsync(new EmailMessage(account.Email, subject, html, text, delivery.MessageId.ToString("N")), cancellationToken);
    }
}
