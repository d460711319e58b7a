namespace CleanApp.Infrastructure.Email;

/// <summary>
/// Stands in when no mail server is configured: nothing is sent. In Development the message (with its links) is
/// logged so a developer can follow it; elsewhere only the fact that it was not sent.
/// </summary>
internal sealed partial class LogOnlyEmailSender(bool logContent, ILogger<LogOnlyEmailSender> logger) : IEmailSender
{
    public bool IsConfigured => false;

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (logContent)
        {
            LogContent(logger, message.To, message.Subject, message.Text);
        }
        else
        {
            LogNotSent(logger, message.Subject);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is not configured (SMTP_HOST); not sent to {To}: {Subject}\n{Text}")]
    private static partial void LogContent(ILogger logger, string to, string subject, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail is not configured (SMTP_HOST); a message was not sent: {Subject}")]
    private static partial void LogNotSent(ILogger logger, string subject);
}
