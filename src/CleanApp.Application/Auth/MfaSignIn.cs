using CleanApp.Application.Common.Telemetry;
using CleanApp.Application.Mfa;

namespace CleanApp.Application.Auth;

/// <summary>
/// The second step of a sign-in (the token endpoint's mfa_otp and mfa_recovery_code grants): the mfa_token the password step answered, and a TOTP or a recovery code; a session
/// and its tokens. A wrong code counts against the token (five kill it) and toward the client's lockout of the account,
/// as a wrong password does; a TOTP accepted before, a spent recovery code or a used token is refused.
/// </summary>
[Anonymous]
public sealed record MfaSignInCommand(string MfaToken, string? Otp, string? RecoveryCode, SessionClient Client) : ICommand<SignedIn>;

internal sealed class MfaSignInCommandValidator : AbstractValidator<MfaSignInCommand>
{
    public MfaSignInCommandValidator()
    {
        RuleFor(c => c.MfaToken).NotEmpty().MaximumLength(2048);
        RuleFor(c => c.Otp).MaximumLength(16);
        RuleFor(c => c.RecoveryCode).MaximumLength(32);
    }
}

internal sealed class MfaSignInCommandHandler(
    IMfaTokens mfaTokens, IUserRepository accounts, SecondStep secondStep, IThrottles throttles, PasswordGuesses guesses,
    ISessionRepository sessions, IUnitOfWork unitOfWork, IAccessTokens tokens, AppTelemetry telemetry)
    : ICommandHandler<MfaSignInCommand, SignedIn>
{
    public const int MaxWrongCodes = 5;
    internal const string InvalidToken = "The mfa_token is invalid, expired or used up: sign in with the password again";
    private static readonly TimeSpan TokenState = TimeSpan.FromMinutes(15); // longer than a token lives

    public async ValueTask<SignedIn> Handle(MfaSignInCommand command, CancellationToken cancellationToken)
    {
        if (mfaTokens.Read(command.MfaToken) is not { } content
            || (await throttles.ReadAsync($"mfa-wrong:{content.TokenId:N}", cancellationToken)).Count >= MaxWrongCodes
            || await accounts.FindAsync(content.UserId, cancellationToken) is not { IsActive: true, MfaEnabled: true } account)
        {
            throw new InvalidGrantException(InvalidToken);
        }

        var guessed = await guesses.ReadAsync(account.Email, command.Client, cancellationToken);
        if (guessed.Wait is { } locked)
        {
            throw new TooManyRequestsException(PasswordGuesses.LockedOut, locked);
        }

        var passed = command.Otp is { } otp
            ? await secondStep.IsCodeAsync(account.Id, otp, cancellationToken)
            : command.RecoveryCode is { } code && await secondStep.RedeemRecoveryCodeAsync(account.Id, code, cancellationToken);
        if (!passed)
        {
            await throttles.CountAsync($"mfa-wrong:{content.TokenId:N}", TokenState, CancellationToken.None);
            var wait = await guesses.FailedAsync(guessed);
            telemetry.SignIn(wait is null ? "second_step_failed" : "locked_out");
            throw wait is null ? new InvalidGrantException(MfaMessages.InvalidCode) : new TooManyRequestsException(PasswordGuesses.LockedOut, wait);
        }

        if (!await throttles.TryStartCooldownAsync($"mfa-used:{content.TokenId:N}", TokenState, cancellationToken))
        {
            throw new InvalidGrantException(InvalidToken);
        }

        await guesses.SucceededAsync(guessed, cancellationToken);
        telemetry.SignIn("succeeded");
        var session = sessions.Start(account.Id, command.Client);
        await unitOfWork.SaveChangesAsync(cancellationToken); // with the spent recovery code, if one was used
        return new SignedIn(await tokens.IssueAsync(account.Id, session.SessionId, cancellationToken), session);
    }
}
