using Microsoft.AspNetCore.Mvc;

namespace CleanApp.Web.Errors;

/// <summary>The one 401 answer, whether the endpoint's gate or the application's refuses the caller.</summary>
internal static class Unauthenticated
{
    public static ProblemDetails Problem() =>
        new() { Status = StatusCodes.Status401Unauthorized, Title = "Not authenticated", Detail = "Not authenticated" };

    /// <summary>A presented token that failed is invalid_token (RFC 6750); no token at all is a bare challenge.</summary>
    public static string Challenge(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 ? "Bearer error=\"invalid_token\"" : "Bearer";
}
