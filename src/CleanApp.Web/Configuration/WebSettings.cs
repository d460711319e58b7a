using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanApp.Application.Common;
using CleanApp.Infrastructure.Configuration;

namespace CleanApp.Web.Configuration;

/// <summary>
/// How tokens are signed and how long they last: <c>SECRET_KEY</c> (the HS256 key is its SHA-256, so any length
/// works; outside Development it must have at least 32 characters) and <c>ACCESS_TOKEN_EXPIRE_MINUTES</c>
/// (default 11520, eight days).
/// </summary>
internal sealed record SecuritySettings(byte[] SigningKey, TimeSpan TokenLifetime)
{
    public const int MinimumSecretLength = 32;

    public static SecuritySettings FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var secret = configuration["SECRET_KEY"];
        if (string.IsNullOrWhiteSpace(secret))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidSettingException("SECRET_KEY", "is not set.", "Set it to a random string of at least 32 characters, e.g. the output of `openssl rand -base64 32`.");
            }

            // Development without a secret: a fresh one per run (tokens end with the process).
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        else if (secret.Length < MinimumSecretLength && !environment.IsDevelopment() && secret != StartupChecks.Placeholder)
        {
            throw new InvalidSettingException("SECRET_KEY", $"has {secret.Length} characters; tokens signed with it could be forged.", "Set it to a random string of at least 32 characters, e.g. the output of `openssl rand -base64 32`.");
        }

        var minutesText = configuration["ACCESS_TOKEN_EXPIRE_MINUTES"];
        var minutes = 11520;
        if (!string.IsNullOrWhiteSpace(minutesText) && (!int.TryParse(minutesText, CultureInfo.InvariantCulture, out minutes) || minutes <= 0))
        {
            throw new InvalidSettingException("ACCESS_TOKEN_EXPIRE_MINUTES", $"'{minutesText}' is not a number of minutes.", "Set it to a whole number above 0, e.g. 11520 (eight days).");
        }

        return new SecuritySettings(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), TimeSpan.FromMinutes(minutes));
    }
}

/// <summary>Requests per minute and client allowed on sign-in and password recovery: <c>AUTH_RATE_LIMIT_PER_MINUTE</c> (default 10).</summary>
internal sealed record RateLimitSettings(int AuthPerMinute)
{
    public static RateLimitSettings FromConfiguration(IConfiguration configuration)
    {
        var text = configuration["AUTH_RATE_LIMIT_PER_MINUTE"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RateLimitSettings(10);
        }

        return int.TryParse(text, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? new RateLimitSettings(limit)
            : throw new InvalidSettingException("AUTH_RATE_LIMIT_PER_MINUTE", $"'{text}' is not a number of requests.", "Set it to a whole number above 0, e.g. 10.");
    }
}

internal static class ApplicationSettingsReader
{
    /// <summary><c>PROJECT_NAME</c> (default CleanApp) and <c>FRONTEND_HOST</c> (default http://localhost:5173).</summary>
    public static ApplicationSettings FromConfiguration(IConfiguration configuration)
    {
        var name = configuration["PROJECT_NAME"];
        var frontend = configuration["FRONTEND_HOST"];
        if (string.IsNullOrWhiteSpace(frontend))
        {
            frontend = "http://localhost:5173";
        }

        if (!Uri.TryCreate(frontend.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidSettingException("FRONTEND_HOST", $"'{frontend}' is not an http(s) address.", "Set it to where the frontend is served, e.g. http://localhost:5173.");
        }

        // A trailing slash, so links resolve below the frontend's path rather than beside it.
        uri = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new ApplicationSettings(string.IsNullOrWhiteSpace(name) ? "CleanApp" : name.Trim(), uri);
    }

    /// <summary>The origins CORS allows: the frontend, plus any in <c>BACKEND_CORS_ORIGINS</c> (comma-separated).</summary>
    public static string[] CorsOrigins(IConfiguration configuration, ApplicationSettings settings) =>
        [
            settings.FrontendHost.GetLeftPart(UriPartial.Authority),
            .. (configuration["BACKEND_CORS_ORIGINS"] ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(origin => origin.TrimEnd('/')),
        ];
}
