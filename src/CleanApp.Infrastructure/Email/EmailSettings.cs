using CleanApp.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace CleanApp.Infrastructure.Email;

/// <summary>
/// The mail server: <c>SMTP_HOST</c> (unset: no mail is sent), <c>SMTP_PORT</c> (587), <c>SMTP_USER</c>,
/// <c>SMTP_PASSWORD</c>, <c>SMTP_TLS</c> (STARTTLS, default true), <c>SMTP_SSL</c> (TLS from the start, default false),
/// <c>EMAILS_FROM_EMAIL</c> and <c>EMAILS_FROM_NAME</c> (default <c>PROJECT_NAME</c>).
/// </summary>
public sealed record EmailSettings(string? Host, int Port, string? User, string? Password, bool StartTls, bool Ssl, string FromEmail, string FromName)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public static EmailSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var portText = configuration["SMTP_PORT"];
        var port = 587;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new InvalidSettingException("SMTP_PORT", $"'{portText}' is not a TCP port.", "Set it to the mail server's port, e.g. 587 (STARTTLS), 465 (SSL) or 1025 (a local mail catcher).");
        }

        return new EmailSettings(
            Blank(configuration["SMTP_HOST"]),
            port,
            Blank(configuration["SMTP_USER"]),
            Blank(configuration["SMTP_PASSWORD"]),
            Flag(configuration, "SMTP_TLS", true),
            Flag(configuration, "SMTP_SSL", false),
            Blank(configuration["EMAILS_FROM_EMAIL"]) ?? "info@example.com",
            Blank(configuration["EMAILS_FROM_NAME"]) ?? Blank(configuration["PROJECT_NAME"]) ?? "CleanApp");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Flag(IConfiguration configuration, string key, bool fallback) =>
        Blank(configuration[key]) is { } value ? SettingParser.Boolean(key, value) : fallback;
}
