namespace CleanApp.Application.Utils;

/// <summary>A superuser checks the mail setup by sending a real message.</summary>
[RequiresPermission(UtilPermissions.TestEmail)]
public sealed record SendTestEmailCommand(string EmailTo) : ICommand<Confirmation>;

internal sealed class SendTestEmailCommandValidator : AbstractValidator<SendTestEmailCommand>
{
    public SendTestEmailCommandValidator() => RuleFor(c => c.EmailTo).ValidEmail();
}

internal sealed class SendTestEmailCommandHandler(IEmailSender email, ApplicationSettings settings) : ICommandHandler<SendTestEmailCommand, Confirmation>
{
    internal const string NotConfigured = "Email is not configured: set SMTP_HOST (and SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_TLS) to send mail";

    public async ValueTask<Confirmation> Handle(SendTestEmailCommand command, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured)
        {
            throw new UnavailableException(NotConfigured);
        }

        var subject = $"{settings.ProjectName} - Test email";
        try
        {
            await email.SendAsync(
                new EmailMessage(command.EmailTo, subject, "<p>Test email: mail from the API works.</p>", "Test email: mail from the API works."),
                cancellationToken);
        }
        catch (EmailDeliveryException e)
        {
            throw new UnavailableException($"Sending the test email failed: {e.Message}");
        }

        return new Confirmation("Test email sent");
    }
}
