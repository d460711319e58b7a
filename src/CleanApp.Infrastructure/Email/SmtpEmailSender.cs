using System.Diagnostics;
using System.Net.Sockets;
using CleanApp.Application.Common.Telemetry;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CleanApp.Infrastructure.Email;

/// <summary>Sends mail through the configured SMTP server (MailKit).</summary>
internal sealed class SmtpEmailSender(EmailSettings settings) : IEmailSender
{
    private readonly string host = settings.Host ?? throw new ArgumentException("SMTP_HOST is not set.", nameof(settings));

    public bool IsConfigured => true;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        // A client span for the delivery (no address in it): the server, and whether it went through.
        using var activity = AppTelemetry.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", host);
        activity?.SetTag("server.port", settings.Port);
        using var mime = new MimeMessage();
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(15).TotalMilliseconds };
        var security = settings.Ssl ? SecureSocketOptions.SslOnConnect : settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        try
        {
            mime.From.Add(new MailboxAddress(settings.FromName, settings.FromEmail));
            mime.To.Add(MailboxAddress.Parse(message.To));
            mime.Subject = message.Subject;
            if (message.Id is { } id)
            {
                mime.MessageId = $"{id}@{settings.FromEmail.Split('@')[^1]}";
            }

            mime.Body = new BodyBuilder { HtmlBody = message.Html, TextBody = message.Text }.ToMessageBody();

            await client.ConnectAsync(host, settings.Port, security, cancellationToken);
            if (settings.User is not null)
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        // NotSupportedException: the server offers no STARTTLS or no AUTH that the settings ask for; ParseException: an
        // address MimeKit cannot read. Every way a delivery can fail is a delivery failure to the caller.
        catch (Exception e) when (e is CommandException or ProtocolException or SocketException or IOException or AuthenticationException
            or SslHandshakeException or TimeoutException or NotSupportedException or ParseException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw new EmailDeliveryException($"the mail server {host}:{settings.Port} refused or did not answer ({e.Message})", e);
        }
    }
}
