using System.Text.Json.Serialization;
using CleanApp.Application.Auth;
using CleanApp.Application.Users;
using CleanApp.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanApp.Web.Endpoints;

/// <summary>
/// The OAuth2 token response (RFC 6749 names). <c>refresh_token</c> is the session's next refresh token; absent when
/// it travels in a cookie (AUTH_REFRESH_COOKIE).
/// </summary>
public sealed record Token(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null);

/// <summary>A new password with the token from a recovery email (the schema NewPassword of the OpenAPI document).</summary>
public sealed record NewPasswordBody(string Token, string NewPassword);

/// <summary>The token from the mail that told the previous address of an email change.</summary>
public sealed record RevertEmailBody(string Token);

/// <summary>The token from a verification mail.</summary>
public sealed record VerifyEmailBody(string Token);

/// <summary>
/// The Auth feature's routes: signing in and refreshing, the test token, password recovery and reset, reverting an email
/// change, verifying an address.
/// </summary>
internal sealed class Auth : IEndpointGroup
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
            .RequireRateLimiting(RateLimits.Auth).WithMetadata(new GrantTypeBudget()).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized) // mfa_required: the account signs in with a second step
            .ProducesProblem(StatusCodes.Status403Forbidden); // cookie mode: from another origin
#pragma warning restore RDG002
        login.MapPost("/login/test-token", TestTokenAsync).Sends<TestTokenQuery>().WithSummary("Check a bearer token and return its user");
        login.MapPost("/password-recovery/{email}", RecoverPasswordAsync).Sends<RecoverPasswordCommand>().WithSummary("Send a password recovery email").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        login.MapPost("/password-recovery-html-content/{email}", RecoverPasswordHtmlContentAsync).Sends<RecoverPasswordHtmlContentCommand>()
            .WithSummary("Show the password recovery email an account would get, as HTML (users.recovery-mail; nothing is sent)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        login.MapPost("/reset-password", ResetPasswordAsync).Sends<ResetPasswordCommand>().WithSummary("Set a new password with a recovery token").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        login.MapPost("/revert-email", RevertEmailAsync).Sends<RevertEmailCommand>()
            .WithSummary("Undo an email change with the token mailed to the previous address: the address comes back and every session ends").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        login.MapPost("/verify-email", VerifyEmailAsync).Sends<VerifyEmailCommand>()
            .WithSummary("Verify the account's email address with the token mailed to it (single use)").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        login.MapPost("/verify-email/resend", ResendVerificationEmailAsync).Sends<ResendVerificationEmailCommand>()
            .WithSummary("Mail the signed-in account another verification link, unless its address is verified")
            .RequireRateLimiting(RateLimits.Auth);
    }

    /// <summary>
    /// The OAuth2 token endpoint. The password grant (RFC 6749 §4.3): username and password; grant_type, when sent,
    /// "password"; scope, client_id and client_secret are accepted as OAuth2 clients send them, and have no meaning
    /// here. The refresh-token grant (§6): grant_type "refresh_token" and refresh_token (or, in cookie mode, the cookie,
    /// from FRONTEND_HOST's origin). Either answers a bearer token and the session's next refresh token. An account with
    /// two-step sign-in answers the password grant 401 <c>mfa_required</c> with an mfa_token; grant_type "mfa_otp" (with
    /// mfa_token and otp) or "mfa_recovery_code" (mfa_token and recovery_code) then answers the pair.
    /// </summary>
    private static async Task<Ok<Token>> AccessTokenAsync(
        HttpContext http,
        ISender sender,
        CancellationToken cancellationToken,
        [FromForm] string? username = null,
        [FromForm] string? password = null,
        [FromForm(Name = "grant_type")] string? grantType = null,
        [FromForm(Name = "refresh_token")] string? refreshToken = null,
        [FromForm] string? scope = null,
        [FromForm(Name = "client_id")] string? clientId = null,
        [FromForm(Name = "client_secret")] string? clientSecret = null,
        [FromForm(Name = "mfa_token")] string? mfaToken = null,
        [FromForm] string? otp = null,
        [FromForm(Name = "recovery_code")] string? recoveryCode = null)
    {
        RefreshCookie.CheckOrigin(http);
        var client = ClientAddresses.Of(http);
        var signedIn = grantType switch
        {
            null or "password" => await sender.Send(
                new LoginCommand(username ?? throw Missing(nameof(username), "password"), password ?? throw Missing(nameof(password), "password"), client),
                cancellationToken),
            "refresh_token" => await sender.Send(new RefreshSessionCommand(RefreshCookie.Presented(http, refreshToken) ?? throw Missing("refresh_token", "refresh_token"), client), cancellationToken),
            // The second step, after a password grant answered 401 mfa_required with an mfa_token.
            "mfa_otp" => await sender.Send(
                new MfaSignInCommand(mfaToken ?? throw Missing("mfa_token", "mfa_otp"), otp ?? throw Missing(nameof(otp), "mfa_otp"), null, client), cancellationToken),
            "mfa_recovery_code" => await sender.Send(
                new MfaSignInCommand(mfaToken ?? throw Missing("mfa_token", "mfa_recovery_code"), null, recoveryCode ?? throw Missing("recovery_code", "mfa_recovery_code"), client),
                cancellationToken),
            // An unreadable form value, like a missing field: 400, or 422 in the snake_case profile (FastAPI's).
            _ => throw new BadHttpRequestException("grant_type must be \"password\", \"refresh_token\", \"mfa_otp\" or \"mfa_recovery_code\", or left out (the password grant)."),
        };
        var session = signedIn.Session;
        var inCookie = RefreshCookie.Set(http, session.RefreshToken, session.RefreshExpiresAt);
        return TypedResults.Ok(new Token(signedIn.Access.Token, "bearer", (long)signedIn.Access.Lifetime.TotalSeconds, inCookie ? null : session.RefreshToken));
    }

    private static BadHttpRequestException Missing(string field, string grant) => new($"Required form field {field} was not provided (the {grant} grant needs it).");

    private static async Task<Ok<UserDto>> TestTokenAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new TestTokenQuery(), cancellationToken));

    private static async Task<Ok<Confirmation>> RecoverPasswordAsync(string email, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RecoverPasswordCommand(email), cancellationToken));

    private static async Task<ContentHttpResult> RecoverPasswordHtmlContentAsync(string email, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Content((await sender.Send(new RecoverPasswordHtmlContentCommand(email), cancellationToken)).Html, "text/html; charset=utf-8");

    private static async Task<Ok<Confirmation>> ResetPasswordAsync(NewPasswordBody body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ResetPasswordCommand(body.Token, body.NewPassword), cancellationToken));

    private static async Task<Ok<Confirmation>> VerifyEmailAsync(VerifyEmailBody body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new VerifyEmailCommand(body.Token), cancellationToken));

    private static async Task<Ok<Confirmation>> ResendVerificationEmailAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ResendVerificationEmailCommand(), cancellationToken));

    private static async Task<Ok<Confirmation>> RevertEmailAsync(RevertEmailBody body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RevertEmailCommand(body.Token), cancellationToken));
}
