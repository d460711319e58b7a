namespace CleanApp.Application.Common.Abstractions;

/// <summary>Sends mail. When no mail server is configured, <see cref="IsConfigured"/> is false and nothing is sent.</summary>
public interface IEmailSender
{
    bool IsConfigured { get; }

    /// <summary>Sends the message; throws <see cref="EmailDeliveryException"/> when the server refuses or cannot be reached.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed record EmailMessage(string To, string Subject, string Html, string Text);

public sealed class EmailDeliveryException(string message, Exception? innerException = null) : Exception(message, innerException);
