using CleanApp.Application.Mfa;
using CleanApp.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

/// <summary>The password that starts two-step sign-in.</summary>
public sealed record TotpStart(string Password);

/// <summary>A code of the authenticator app, confirming its new key.</summary>
public sealed record TotpConfirm(string Code);

/// <summary>The password and a code (a TOTP or a recovery code): to turn two-step sign-in off, or to replace the recovery codes.</summary>
public sealed record TotpCheck(string Password, string Code);

/// <summary>
/// The second sign-in step's routes (its grants, mfa_otp and mfa_recovery_code, are the token endpoint's: Auth): the
/// caller's authenticator and recovery codes; an administrator's removal of someone's second step.
/// </summary>
internal sealed class Mfa : IEndpointGroup
{
    public int Order => 5;

    public void Map(IEndpointRouteBuilder api)
    {
        var mfa = api.MapGroup("/users").WithTags("users");
        // Each checks the password or a code: limited per client like sign-in.
        mfa.MapPost("/me/mfa/totp", StartAsync).Sends<StartTotpCommand>()
            .WithSummary("Start two-step sign-in: a new authenticator key (secret and otpauth URI), in use once confirmed").RequireRateLimiting(RateLimits.Auth)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        mfa.MapPost("/me/mfa/totp/confirm", ConfirmAsync).Sends<ConfirmTotpCommand>()
            .WithSummary("Confirm the authenticator with one of its codes: two-step sign-in is on; answers 10 single-use recovery codes").RequireRateLimiting(RateLimits.Auth)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        mfa.MapPost("/me/mfa/totp/disable", DisableAsync).Sends<DisableTotpCommand>()
            .WithSummary("Turn two-step sign-in off (password and a code); the caller's other sessions end").RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        mfa.MapPost("/me/mfa/recovery-codes", RecoveryCodesAsync).Sends<NewRecoveryCodesCommand>()
            .WithSummary("Replace the recovery codes (password and a code); the earlier ones stop working").RequireRateLimiting(RateLimits.Auth).ProducesValidationProblem();
        mfa.MapDelete("/{id}/mfa", RemoveAsync).Sends<RemoveUserMfaCommand>()
            .WithSummary("Remove a user's second sign-in step (users.update, and every permission the user holds)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<TotpSetup>> StartAsync(TotpStart body, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new StartTotpCommand(body.Password, ClientAddresses.Of(http)), cancellationToken));

    private static async Task<Ok<RecoveryCodeSet>> ConfirmAsync(TotpConfirm body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ConfirmTotpCommand(body.Code), cancellationToken));

    private static async Task<Ok<Confirmation>> DisableAsync(TotpCheck body, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DisableTotpCommand(body.Password, body.Code, ClientAddresses.Of(http)), cancellationToken));

    private static async Task<Ok<RecoveryCodeSet>> RecoveryCodesAsync(TotpCheck body, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new NewRecoveryCodesCommand(body.Password, body.Code, ClientAddresses.Of(http)), cancellationToken));

    private static async Task<Ok<Confirmation>> RemoveAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RemoveUserMfaCommand(id), cancellationToken));
}
