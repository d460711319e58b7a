using System.Net;
using CleanApp.Application.Common.Events;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Auth;

/// <summary>
/// Proves an account's address with the single-use link mailed to it (<c>{FRONTEND_HOST}/verify-email?token=</c>).
/// A spent, expired or unknown token, or one mailed to an address the account has changed since, is "Invalid token"
/// and changes nothing.
/// </summary>
[Anonymous]
public sealed record VerifyEmailCommand(string Token) : ICommand<Confirmation>;

internal sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

internal sealed class VerifyEmailCommandHandler(IEmailVerifications verifications, IUnitOfWork unitOfWork) : ICommandHandler<VerifyEmailCommand, Confirmation>
{
    internal const string InvalidToken = "Invalid token";

    public async ValueTask<Confirmation> Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        if (await verifications.VerifyAsync(command.Token, cancellationToken) is null)
        {
            throw new BadRequestException(InvalidToken);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new Confirmation("Email verified");
    }
}

/// <summary>
/// The signed-in owner asks for another verification link: mailed unless the address is verified, at most once per
/// account per <c>RECOVERY_MAIL_COOLDOWN_SECONDS</c> (as recovery mails), through the outbox.
/// </summary>
[SignedIn]
public sealed record ResendVerificationEmailCommand : ICommand<Confirmation>;

internal sealed class ResendVerificationEmailCommandHandler(
    IUserRepository accounts, ICurrentUser currentUser, IThrottles throttles, IOutbox outbox, ApplicationSettings settings)
    : ICommandHandler<ResendVerificationEmailCommand, Confirmation>
{
    internal const string Verified = "Email already verified";
    internal const string Answer = "A verification email has been sent, unless one was sent in the last few minutes";
    internal const string NotInUse = "Email addresses are not verified here (EMAIL_VERIFICATION is off)";

    public async ValueTask<Confirmation> Handle(ResendVerificationEmailCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        if (await accounts.FindAsync(caller.Id, cancellationToken) is not { } account)
        {
            throw new UnauthenticatedException();
        }

        if (account.EmailVerified)
        {
            return new Confirmation(Verified);
        }

        if (settings.EmailVerification == EmailVerification.Off)
        {
            return new Confirmation(NotInUse);
        }

        if (await throttles.TryStartCooldownAsync($"verify-mail:{caller.Id:N}", settings.RecoveryMailCooldown, cancellationToken))
        {
            // The cooldown has started: a client that hangs up now still gets its mail.
            await outbox.RecordAsync(new EmailVerificationRequested(caller.Id), CancellationToken.None);
        }

        return new Confirmation(Answer);
    }
}

/// <summary>
/// Mails a verification link, when addresses are verified here (<c>EMAIL_VERIFICATION</c> not off) and a mail server is
/// configured, to an account opened by signup or by an administrator, to the new address of an email change, and on the
/// owner's request; never to an address verified by then. The token is made now, so none waits in the outbox.
/// </summary>
internal sealed class SendVerificationMail(IEmailVerifications verifications, IUnitOfWork unitOfWork, IEmailSender sender, ApplicationSettings settings, TimeProvider timeProvider)
    : IDomainEventHandler<UserRegistered>, IDomainEventHandler<EmailChanged>, IDomainEventHandler<EmailVerificationRequested>
{
    public ValueTask HandleAsync(UserRegistered domainEvent, EventDelivery delivery, CancellationToken cancellationToken) =>
        SendAsync(domainEvent.UserId, delivery, cancellationToken);

    public ValueTask HandleAsync(EmailChanged domainEvent, EventDelivery delivery, CancellationToken cancellationToken) =>
        SendAsync(domainEvent.UserId, delivery, cancellationToken);

    public ValueTask HandleAsync(EmailVerificationRequested domainEvent, EventDelivery delivery, CancellationToken cancellationToken) =>
        SendAsync(domainEvent.UserId, delivery, cancellationToken);

    private async ValueTask SendAsync(Guid userId, EventDelivery delivery, CancellationToken cancellationToken)
    {
        var validFor = settings.EmailVerificationLinkLifetime;
        if (settings.EmailVerification == EmailVerification.Off || !sender.IsConfigured
            || await verifications.CreateAsync(userId, timeProvider.GetUtcNow() + validFor, cancellationToken) is not { } link)
        {
            return;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        var url = new Uri(settings.FrontendHost, $"verify-email?token={Uri.EscapeDataString(link.Token)}");
        var hours = (int)validFor.TotalHours;
        var subject = $"{settings.ProjectName} - Verify your email address";
        var text = $"""
            Hello {link.Email},

            Confirm that this address is yours (the link works once, for {hours} hours): {url}
            If you did not ask for an account at {settings.ProjectName}, ignore this mail.
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(link.Email)},</p>
            <p><a href="{WebUtility.HtmlEncode(url.AbsoluteUri)}">Confirm that this address is yours</a> (the link works once, for {hours} hours).</p>
            <p>If you did not ask for an account at {WebUtility.HtmlEncode(settings.ProjectName)}, ignore this mail.</p>
            """;
        await sender.SendAsync(new EmailMessage(link.Email, subject, html, text, delivery.MessageId.ToString("N")), cancellationToken);
    }
}
