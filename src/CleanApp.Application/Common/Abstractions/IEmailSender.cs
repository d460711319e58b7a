namespace CleanApp.Application.Common.Abstractions;

/// <summary>Sends mail. When no mail server is configured, <see cref="IsConfigured"/> is false and nothing is sent.</summary>
public interface IEmailSender
{
    bool IsConfigured { get; }

    /// <summary>Sends the message; throws <see cref="EmailDeliveryException"/> when the server refuses or cannot be reached.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A mail to send. <paramref name="Id"/>, when set, becomes its Message-ID: the same on every attempt, so a second copy
/// (outbox delivery is at least once) is the same message to the recipient's mail client.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Html, string Text, string? Id = null);

public sealed class EmailDeliveryException(string message, Exception? innerException = null) : Exception(message, innerException);
