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

/// <summary>A new password with the token from a recovery email (the schema NewPassword of the OpenAPI document).</summary>
public sealed record NewPasswordBody(string Token, string NewPassword);

internal sealed class Login : IEndpointGroup
{
    public int Order => 1;

    public void Map(IEndpointRouteBuilder api)
    {
        var login = api.MapGroup(string.Empty).WithTags("login");
        // An OAuth2 password-flow form, so the OpenAPI UI's "Authorize" works; no cookies, so no antiforgery.
        // Built at run time (Api.BuiltAtRunTime): the generated code describes form fields in the OpenAPI document
        // without their names (the sign-in form would lose username, password and scope).
#pragma warning disable RDG002 // on purpose: see Api.BuiltAtRunTime
        login.MapPost("/login/access-token", Api.BuiltAtRunTime(AccessTokenAsync)).WithName("LoginAccessToken").WithSummary("Sign in: trade email and password for a bearer token").AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
#pragma warning restore RDG002
        login.MapPost("/login/test-token", TestTokenAsync).WithName("TestToken").WithSummary("Check a bearer token and return its user");
        login.MapPost("/password-recovery/{email}", RecoverPasswordAsync).WithName("RecoverPassword").WithSummary("Send a password recovery email").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        login.MapPost("/password-recovery-html-content/{email}", RecoverPasswordHtmlContentAsync).WithName("RecoverPasswordHtmlContent")
            .WithSummary("Show the password recovery email an account would get, as HTML (superuser; nothing is sent)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        login.MapPost("/reset-password", ResetPasswordAsync).WithName("ResetPassword").WithSummary("Set a new password with a recovery token").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
    }

    /// <summary>
    /// The OAuth2 password grant (RFC 6749 4.3): username and password; grant_type, when sent, must be "password";
    /// scope, client_id and client_secret are accepted as OAuth2 clients send them, and have no meaning here.
    /// </summary>
    private static async Task<Ok<Token>> AccessTokenAsync(
        [FromForm] string username,
        [FromForm] string password,
        ISender sender,
        CancellationToken cancellationToken,
        [FromForm(Name = "grant_type")] string? grantType = null,
        [FromForm] string? scope = null,
        [FromForm(Name = "client_id")] string? clientId = null,
        [FromForm(Name = "client_secret")] string? clientSecret = null)
    {
        if (grantType is not (null or "password"))
        {
            // An unreadable form value, like a missing field: 400, or 422 in the snake_case profile (FastAPI's).
            throw new BadHttpRequestException("grant_type must be \"password\" (the OAuth2 password grant), or left out.");
        }

        var token = await sender.Send(new LoginCommand(username, password), cancellationToken);
        return TypedResults.Ok(new Token(token.Token, "bearer", (long)token.Lifetime.TotalSeconds));
    }

    private static async Task<Ok<UserDto>> TestTokenAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetCurrentUserQuery(), cancellationToken));

    private static async Task<Ok<Confirmation>> RecoverPasswordAsync(string email, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RecoverPasswordCommand(email), cancellationToken));

    private static async Task<ContentHttpResult> RecoverPasswordHtmlContentAsync(string email, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Content((await sender.Send(new RecoverPasswordHtmlContentCommand(email), cancellationToken)).Html, "text/html; charset=utf-8");

    private static async Task<Ok<Confirmation>> ResetPasswordAsync(NewPasswordBody body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ResetPasswordCommand(body.Token, body.NewPassword), cancellationToken));
}
