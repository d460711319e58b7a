namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// Mail sent in the background: queuing returns at once, whatever the mail server does. Delivery is retried a few
/// times; a failure is logged, never reported to the caller. For mail whose outcome the caller must see, use
/// <see cref="IEmailSender"/>.
/// </summary>
public interface IEmailOutbox
{
    void Queue(EmailMessage message);
}
