using CleanApp.Application.Common;
using CleanApp.Web.Endpoints;
using CleanApp.Web.Errors;
using CleanApp.Web.Host.Configuration;

namespace CleanApp.Web.Security;

/// <summary>
/// The refresh token as a cookie, for browser apps (AUTH_REFRESH_COOKIE): HttpOnly (no script reads it), Secure,
/// SameSite=Strict, and sent only to the token endpoint. A refresh that relies on it must come from FRONTEND_HOST's
/// origin (its Origin header), else 403: another site's page cannot spend it. Off, nothing here does anything.
/// </summary>
internal static class RefreshCookie
{
    public const string Name = "refresh_token";
    public const string Path = Api.BasePath + "/login/access-token";

    /// <summary>The refresh token the request presents: the form's, else (cookie mode, from the frontend's origin) the cookie's.</summary>
    public static string? Presented(HttpContext http, string? fromForm)
    {
        if (fromForm is not null || !Enabled(http) || http.Request.Cookies[Name] is not { Length: > 0 } cookie)
        {
            return fromForm;
        }

        var frontend = http.RequestServices.GetRequiredService<ApplicationSettings>().FrontendHost;
        if (!Uri.TryCreate(http.Request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
            || Uri.Compare(origin, frontend, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new HttpProblemException(
                StatusCodes.Status403Forbidden, "Forbidden",
                $"A refresh with the refresh cookie must come from the frontend's origin ({frontend.GetLeftPart(UriPartial.Authority)}), as its Origin header.");
        }

        return cookie;
    }

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
