using CleanApp.Web.Endpoints;
using CleanApp.Web.Errors;

namespace CleanApp.Web.Security;

/// <summary>
/// The refresh token as a cookie, for browser apps (AUTH_REFRESH_COOKIE): HttpOnly (no script reads it), Secure,
/// SameSite=Strict, and sent only to the token endpoint, which then answers only requests from the frontend's origins
/// (<see cref="CheckOrigin"/>). Off, nothing here does anything.
/// </summary>
internal static class RefreshCookie
{
    public const string Name = "refresh_token";
    public const string Path = Api.BasePath + "/login/access-token";

    /// <summary>
    /// In cookie mode, every request to the token endpoint must come from an origin the app serves (FRONTEND_HOST,
    /// BACKEND_CORS_ORIGINS, or its own), as its Origin header says, else 403: another site's page can neither spend the
    /// cookie nor set one of its choosing (login CSRF). Clients without a browser send no Origin: cookie mode is for browser apps.
    /// </summary>
    public static void CheckOrigin(HttpContext http)
    {
        if (!Enabled(http))
        {
            return;
        }

        var origin = http.Request.Headers.Origin.ToString();
        var own = $"{http.Request.Scheme}://{http.Request.Host}";
        var allowed = http.RequestServices.GetRequiredService<CorsSettings>().Origins;
        if (origin.Length == 0
            || (!allowed.Contains(origin, StringComparer.OrdinalIgnoreCase) && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)))
        {
            throw new HttpProblemException(
                StatusCodes.Status403Forbidden, "Forbidden",
                $"With the refresh cookie (AUTH_REFRESH_COOKIE) the token endpoint answers only requests from the frontend's origins ({string.Join(", ", allowed)}), as their Origin header.");
        }
    }

    /// <summary>The refresh token the request presents: the form's, else (cookie mode) the cookie's.</summary>
    public static string? Presented(HttpContext http, string? fromForm) =>
        fromForm is not null || !Enabled(http) || http.Request.Cookies[Name] is not { Length: > 0 } cookie ? fromForm : cookie;

    /// <summary>In cookie mode, sets the cookie (until the token lapses) and answers true: the body must not carry the token.</summary>
    public static bool Set(HttpContext http, string refreshToken, DateTimeOffset expires)
    {
        if (!Enabled(http))
        {
            return false;
        }

        http.Response.Cookies.Append(Name, refreshToken, Options(expires));
        return true;
    }

    /// <summary>In cookie mode, removes the cookie (on sign-out).</summary>
    public static void Clear(HttpContext http)
    {
        if (Enabled(http))
        {
            http.Response.Cookies.Delete(Name, Options(DateTimeOffset.UnixEpoch));
        }
    }

    private static bool Enabled(HttpContext http) => http.RequestServices.GetRequiredService<RefreshCookieSettings>().Enabled;

    private static CookieOptions Options(DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
