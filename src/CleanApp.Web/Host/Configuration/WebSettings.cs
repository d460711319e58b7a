using System.Security.Cryptography;
using System.Text;
using CleanApp.Domain.Users;

namespace CleanApp.Web.Host.Configuration;

/// <summary>
/// How tokens are signed and how long they last: <c>SECRET_KEY</c> (the HS256 key is its SHA-256, so any length
/// works; outside Development it must have at least 32 characters) and <c>ACCESS_TOKEN_EXPIRE_MINUTES</c>
/// (default 11520, eight days).
/// </summary>
internal sealed record SecuritySettings(byte[] SigningKey, TimeSpan TokenLifetime)
{
    public const int MinimumSecretLength = 32;
    private const string SecretFix = "Set it to a random string of at least 32 characters, e.g. the output of `openssl rand -base64 32`.";

    public static SecuritySettings Read(SettingReader settings, IHostEnvironment environment)
    {
        var secret = settings.Secret("SECRET_KEY");
        if (secret is null)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidSettingException("SECRET_KEY", "is not set.", SecretFix);
            }

            // Development without a secret: a fresh one per run (tokens end with the process).
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        else if (secret.Length < MinimumSecretLength && !environment.IsDevelopment() && secret != StartupChecks.Placeholder)
        {
            throw new InvalidSettingException("SECRET_KEY", $"has {secret.Length} characters; tokens signed with it could be forged.", SecretFix);
        }

        var minutes = settings.WholeNumber("ACCESS_TOKEN_EXPIRE_MINUTES", 11520, "minutes");
        return new SecuritySettings(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), TimeSpan.FromMinutes(minutes));
    }
}

/// <summary>Requests per minute and client allowed on sign-in, password recovery, reset and password change: <c>AUTH_RATE_LIMIT_PER_MINUTE</c> (default 10).</summary>
internal sealed record RateLimitSettings(int AuthPerMinute, int RefreshPerMinute)
{
    public static RateLimitSettings Read(SettingReader settings) => new(
        settings.WholeNumber("AUTH_RATE_LIMIT_PER_MINUTE", 10, "requests"),
        settings.WholeNumber("AUTH_REFRESH_RATE_LIMIT_PER_MINUTE", 60, "requests"));
}

/// <summary>
/// The origins CORS allows: the frontend's (<c>FRONTEND_HOST</c>), plus any in <c>BACKEND_CORS_ORIGINS</c>
/// (comma-separated http(s) addresses).
/// </summary>
internal sealed record CorsSettings(IReadOnlyList<string> Origins)
{
    public static CorsSettings Read(SettingReader settings, ApplicationSettings application) =>
        new([
            application.FrontendHost.GetLeftPart(UriPartial.Authority),
            .. settings.HttpUrls("BACKEND_CORS_ORIGINS", "the origins browsers may call from, comma-separated, e.g. http://localhost:3000")
                .Select(origin => origin.GetLeftPart(UriPartial.Authority)),
        ]);
}

/// <summary>Whether the web app migrates and seeds when it starts: <c>MIGRATE_ON_START</c>, default true in Development only.</summary>
internal sealed record StartupSettings(bool MigrateOnStart)
{
    public static StartupSettings Read(SettingReader settings, IHostEnvironment environment) =>
        new(settings.Flag("MIGRATE_ON_START", environment.IsDevelopment()));
}

internal static class ApplicationSettingsReader
{
    private static readonly Dictionary<string, EmailVerification> VerificationModes = new()
    {
        ["OFF"] = EmailVerification.Off,
        ["OPTIONAL"] = EmailVerification.Optional,
        ["REQUIRED"] = EmailVerification.Required,
    };

    /// <summary>
    /// <c>PROJECT_NAME</c> (default CleanApp), <c>FRONTEND_HOST</c> (default http://localhost:5173) and
    /// <c>RECOVERY_MAIL_COOLDOWN_SECONDS</c> (default 300: at most one recovery mail per address in that time, and one
    /// verification mail per account), <c>EMAIL_VERIFICATION</c> (off, optional or required; default off) and
    /// <c>EMAIL_VERIFY_TOKEN_EXPIRE_HOURS</c> (default 48). An email change asks for the current password, but in the
    /// snake_case profile (the FastAPI template's profile form sends none).
    /// </summary>
    public static ApplicationSettings Read(SettingReader settings)
    {
        var uri = settings.HttpUrl("FRONTEND_HOST", "http://localhost:5173", "where the frontend is served, e.g. http://localhost:5173");

        // A trailing slash, so links resolve below the frontend's path rather than beside it.
        uri = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new ApplicationSettings(settings.Text("PROJECT_NAME", "CleanApp"), uri)
        {
            EmailChangeNeedsPassword = !ApiJsonSettings.Read(settings).IsSnakeCase,
            RecoveryMailCooldown = TimeSpan.FromSeconds(settings.WholeNumber("RECOVERY_MAIL_COOLDOWN_SECONDS", 300, "seconds", min: 0)),
            EmailVerification = settings.Choice("EMAIL_VERIFICATION", EmailVerification.Off, VerificationModes),
            EmailVerificationLinkLifetime = TimeSpan.FromHours(settings.WholeNumber("EMAIL_VERIFY_TOKEN_EXPIRE_HOURS", 48, "hours")),
        };
    }
}

/// <summary>
/// Whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: <c>FORWARDED_ALLOW_IPS</c>, comma-separated
/// addresses or CIDR ranges of the proxies in front of the app, or <c>*</c> for any sender (only when nothing else can
/// reach the app). Unset: nobody's, and the client is the connection's own address.
/// </summary>
internal sealed record ProxySettings(IReadOnlyList<System.Net.IPNetwork> Proxies, bool AnySender)
{
    public bool Enabled => AnySender || Proxies.Count > 0;

    public static ProxySettings Read(SettingReader settings)
    {
        var text = settings.Text("FORWARDED_ALLOW_IPS");
        if (text is null)
        {
            return new([], false);
        }

        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries is ["*"])
        {
            return new([], true);
        }

        return new([.. entries.Select(entry => Parse(entry))], false);
    }

    private static System.Net.IPNetwork Parse(string entry)
    {
        if (System.Net.IPAddress.TryParse(entry, out var address))
        {
            return new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8);
        }

        return System.Net.IPNetwork.TryParse(entry, out var network)
            ? network
            : throw new InvalidSettingException(
                "FORWARDED_ALLOW_IPS",
                $"'{entry}' is not an IP address or a CIDR range.",
                "Set it to the addresses of the proxies in front of the app, comma-separated, e.g. 10.0.0.5,10.1.0.0/16 (or * for any sender).");
    }
}

/// <summary>
/// <c>HTTPS_REDIRECT</c> (default false: TLS usually ends at the proxy, which redirects): when true, plain http
/// requests are redirected to https (port <c>HTTPS_PORT</c>, default 443) and https answers carry HSTS.
/// </summary>
internal sealed record HttpsSettings(bool Redirect, int Port)
{
    public static HttpsSettings Read(SettingReader settings) =>
        new(settings.Flag("HTTPS_REDIRECT", false), settings.Port("HTTPS_PORT", 443, "HTTPS's default is 443"));
}

/// <summary>
/// <c>SHUTDOWN_DRAIN_SECONDS</c>: how long a stopping app goes on serving while readiness says 503 (default 5, 0 in
/// Development). Keep it below the orchestrator's grace period (Kubernetes: 30 s) less the longest request.
/// </summary>
internal sealed record ShutdownSettings(TimeSpan Drain)
{
    public static ShutdownSettings Read(SettingReader settings, IHostEnvironment environment) =>
        new(TimeSpan.FromSeconds(settings.WholeNumber("SHUTDOWN_DRAIN_SECONDS", environment.IsDevelopment() ? 0 : 5, "seconds", min: 0)));
}

/// <summary>How the API spells its JSON property names (and its query parameters).</summary>
internal enum JsonNaming
{
    /// <summary><c>fullName</c>: .NET's and most JavaScript clients' convention (the default).</summary>
    CamelCase,

    /// <summary><c>full_name</c>: the FastAPI template's names, so its frontend and generated client work unchanged.</summary>
    SnakeCase,
}

/// <summary>
/// <c>API_JSON_NAMING</c>: <c>camelCase</c> (default) or <c>snake_case</c>, the FastAPI template's wire format: every
/// JSON body in and out, validation-error keys, query parameters and the served OpenAPI document. snake_case also
/// answers with the template's status codes where they differ (docs/api-notes.md): unknown properties are ignored,
/// creates answer 200, a duplicate create 400, unreadable or invalid input 422.
/// </summary>
internal sealed record ApiJsonSettings(JsonNaming Naming)
{
    private static readonly Dictionary<string, JsonNaming> Names = new()
    {
        ["CAMELCASE"] = JsonNaming.CamelCase,
        ["SNAKE_CASE"] = JsonNaming.SnakeCase,
    };

    public bool IsSnakeCase => Naming == JsonNaming.SnakeCase;

    /// <summary>Input the API cannot read or that breaks a rule of the request: 400, or FastAPI's 422 in the snake_case profile.</summary>
    public int InvalidInputStatus => IsSnakeCase ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest;

    public static ApiJsonSettings Read(SettingReader settings) => new(settings.Choice("API_JSON_NAMING", JsonNaming.CamelCase, Names));
}

/// <summary>
/// <c>API_REQUIRE_IF_MATCH</c> (default false): whether an edit or delete of a versioned resource must send If-Match
/// (428 without it). Off by default: the FastAPI template's frontend and its generated client send no conditional headers.
/// </summary>
internal sealed record ConditionalRequestSettings(bool RequireIfMatch)
{
    public static ConditionalRequestSettings Read(SettingReader settings) => new(settings.Flag("API_REQUIRE_IF_MATCH", false));
}

/// <summary>
/// <c>AUTH_REFRESH_COOKIE</c> (default false): for browser apps, the refresh token travels in an HttpOnly, Secure,
/// SameSite=Strict cookie scoped to the token endpoint, never in a body a script could read; a refresh that relies on
/// it must come from FRONTEND_HOST's origin.
/// </summary>
internal sealed record RefreshCookieSettings(bool Enabled)
{
    public static RefreshCookieSettings Read(SettingReader settings) => new(settings.Flag("AUTH_REFRESH_COOKIE", false));
}
