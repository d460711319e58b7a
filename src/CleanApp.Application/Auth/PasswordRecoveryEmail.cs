using System.Net;

namespace CleanApp.Application.Auth;

internal static class PasswordRecoveryEmail
{
    /// <summary>The mail with the reset link <c>{FRONTEND_HOST}/reset-password?token=...</c>.</summary>
    public static EmailMessage Create(ApplicationSettings settings, string email, string token)
    {
        var link = new Uri(settings.FrontendHost, $"reset-password?token={Uri.EscapeDataString(token)}");
        var subject = $"{settings.ProjectName} - Password recovery for user {email}";
        var text = $"""
            Hello {email},

            We received a request to reset the password of your {settings.ProjectName} account.
            Reset it here (the link works once and expires): {link}

            If you did not ask for this, ignore this message; your password stays as it is.
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(email)},</p>
            <p>We received a request to reset the password of your {WebUtility.HtmlEncode(settings.ProjectName)} account.</p>
            <p><a href="{WebUtility.HtmlEncode(link.AbsoluteUri)}">Reset your password</a> (the link works once and expires).</p>
            <p>If you did not ask for this, ignore this message; your password stays as it is.</p>
            """;
        return new EmailMessage(email, subject, html, text);
    }
}
