using System.Text.Json.Serialization;
using CleanApp.Application.Auth;
using CleanApp.Application.Common;
using CleanApp.Application.Users;
using CleanApp.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanApp.Web.Endpoints;

/// <summary>The OAuth2 token response (RFC 6749 names).</summary>
public sealed record Token(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

/// <summary>A new password with the token from a recovery email (the property is newPassword in JSON).</summary>
public sealed record NewPassword(string Token, [property: JsonPropertyName("newPassword")] string Password);

internal static class Login
{
    public static void MapLogin(this IEndpointRouteBuilder api)
    {
        var login = api.MapGroup(string.Empty).WithTags("login");
        // An OAuth2 password-flow form, so the OpenAPI UI's "Authorize" works; no cookies, so no antiforgery.
        login.MapPost("/login/access-token", AccessTokenAsync).WithName("LoginAccessToken").WithSummary("Sign in: trade email and password for a bearer token").AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        login.MapPost("/login/test-token", TestTokenAsync).WithName("TestToken").WithSummary("Check a bearer token and return its user");
        login.MapPost("/password-recovery/{email}", RecoverPasswordAsync).WithName("RecoverPassword").WithSummary("Send a password recovery email").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        login.MapPost("/reset-password", ResetPasswordAsync).WithName("ResetPassword").WithSummary("Set a new password with a recovery token").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
    }

    private static async Task<Ok<Token>> AccessTokenAsync([FromForm] string username, [FromForm] string password, ISender sender, CancellationToken cancellationToken)
    {
        var token = await sender.Send(new LoginCommand(username, password), cancellationToken);
        return TypedResults.Ok(new Token(token.Token, "bearer", (long)token.Lifetime.TotalSeconds));
    }

    private static async Task<Ok<UserDto>> TestTokenAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetCurrentUserQuery(), cancellationToken));

    private static async Task<Ok<Confirmation>> RecoverPasswordAsync(string email, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RecoverPasswordCommand(email), cancellationToken));

    private static async Task<Ok<Confirmation>> ResetPasswordAsync(NewPassword body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ResetPasswordCommand(body.Token, body.Password), cancellationToken));
}
