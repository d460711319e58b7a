using CleanApp.Application.Common.Events;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Auth;

/// <summary>
/// Undoes an email change with the single-use link mailed to the previous address: the address comes back, every reset
/// link dies and every session of the account ends. What large providers give the owner whose session was stolen.
/// </summary>
[Anonymous]
public sealed record RevertEmailCommand(string Token) : ICommand<Confirmation>;

internal sealed class RevertEmailCommandValidator : AbstractValidator<RevertEmailCommand>
{
    public RevertEmailCommandValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

internal sealed class RevertEmailCommandHandler(ICredentials credentials, ISessionRepository sessions, IUnitOfWork unitOfWork) : ICommandHandler<RevertEmailCommand, Confirmation>
{
    internal const string InvalidToken = "Invalid token";
    internal const string Taken = "Another account has that email address now; the change cannot be undone";

    public async ValueTask<Confirmation> Handle(RevertEmailCommand command, CancellationToken cancellationToken)
    {
        var result = await credentials.RevertEmailAsync(command.Token, cancellationToken);
        if (result is { Outcome: EmailRevertOutcome.Reverted, UserId: { } userId })
        {
            await sessions.RevokeAllAsync(userId, except: null, cancellationToken);
            await unitOfWork.SaveChangesAsync(Taken, CancellationToken.None); // a sign-out holds even if the client hangs up
        }

        return result.Outcome switch
        {
            EmailRevertOutcome.Reverted => new Confirmation("Email address restored and every session signed out. If someone else knew your password, reset it now."),
            EmailRevertOutcome.EmailTaken => throw new ConflictException(Taken),
            _ => throw new BadRequestException(InvalidToken),
        };
    }
}

/// <summary>
/// Tells the previous address of an email change, with a link that undoes it (<c>{FRONTEND_HOST}/revert-email?token=</c>,
/// valid 7 days whatever else happens to the account meanwhile). The token is made now, so none waits in the outbox.
/// </summary>
internal sealed class SendEmailChangedMail(ICredentials credentials, IUnitOfWork unitOfWork, IEmailSender sender, ApplicationSettings settings, TimeProvider timeProvider)
    : IDomainEventHandler<EmailChanged>
{
    public static readonly TimeSpan RevertFor = TimeSpan.FromDays(7);

    public async ValueTask HandleAsync(EmailChanged domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
    {
        var validUntil = domainEvent.ChangedAt + RevertFor;
        if (validUntil <= timeProvider.GetUtcNow()
            || await credentials.CreateEmailRevertAsync(domainEvent.UserId, domainEvent.PreviousEmail, domainEvent.ChangedAt, validUntil, cancellationToken) is not { } token)
        {
            return;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        var link = new Uri(settings.FrontendHost, $"revert-email?token={Uri.EscapeDataString(token)}");
        var to = domainEvent.PreviousEmail;
        var subject = $"{settings.ProjectName} - The email address of your account was changed";
        var text = $"""
            Hello {to},

            The email address of your {settings.ProjectName} account was changed from this one.
            If you did not do this, undo it here (the link works once, for 7 days): {link}
            Undoing it signs out every session; then reset your password.
            """;
        var html = $"""
            <p>Hello {System.Net.WebUtility.HtmlEncode(to)},</p>
            <p>The email address of your {System.Net.WebUtility.HtmlEncode(settings.ProjectName)} account was changed from this one.</p>
            <p>If you did not do this, <a href="{System.Net.WebUtility.HtmlEncode(link.AbsoluteUri)}">undo it</a> (the link works once, for 7 days).
            Undoing it signs out every session; then reset your password.</p>
            """;
        await sender.SendAsync(new EmailMessage(to, subject, html, text, delivery.MessageId.ToString("N")), cancellationToken);
    }
}
