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

    public static EmailSettings FromConfiguration(IConfiguration configuration) => Read(new SettingReader(configuration));

    public static EmailSettings Read(SettingReader settings) =>
        new(
            settings.Text("SMTP_HOST"),
            settings.Port("SMTP_PORT", 587, "e.g. 587 for STARTTLS, 465 for SSL, 1025 for a local mail catcher"),
            settings.Text("SMTP_USER"),
            settings.Secret("SMTP_PASSWORD"),
            settings.Flag("SMTP_TLS", true),
            settings.Flag("SMTP_SSL", false),
            settings.Email("EMAILS_FROM_EMAIL", "info@example.com"),
            settings.Text("EMAILS_FROM_NAME") ?? settings.Text("PROJECT_NAME", "CleanApp"));
}

/// <summary>How long a password reset link works: <c>EMAIL_RESET_TOKEN_EXPIRE_HOURS</c>, default 48.</summary>
public sealed record PasswordResetSettings(TimeSpan TokenLifetime)
{
    public static PasswordResetSettings Read(SettingReader settings) =>
        new(TimeSpan.FromHours(settings.WholeNumber("EMAIL_RESET_TOKEN_EXPIRE_HOURS", 48, "hours")));
}
