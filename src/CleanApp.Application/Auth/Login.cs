using CleanApp.Application.Common.Telemetry;
using CleanApp.Application.Mfa;

namespace CleanApp.Application.Auth;

/// <summary>
/// Signs in with email and password: a new session, its bearer token and its first refresh token. An unknown email and
/// a wrong password get the same answer; five wrong passwords from one client stop that client, not the owner
/// (<see cref="PasswordGuesses"/>), whether or not the account exists.
/// </summary>
[Anonymous]
public sealed record LoginCommand(string Email, string Password, SessionClient Client) : ICommand<SignedIn>;

internal sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty();
        RuleFor(c => c.Password).NotEmpty();
    }
}

internal sealed class LoginCommandHandler(
    ICredentials credentials, PasswordGuesses guesses, ISessionRepository sessions, IUnitOfWork unitOfWork, IAccessTokens tokens, AppTelemetry telemetry, ApplicationSettings settings,
    IMfaTokens mfaTokens)
    : ICommandHandler<LoginCommand, SignedIn>
{
    internal const string IncorrectCredentials = "Incorrect email or password";
    internal const string EmailNotVerified = "Email not verified";

    public async ValueTask<SignedIn> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var guessed = await guesses.ReadAsync(command.Email, command.Client, cancellationToken);
        if (guessed.Wait is { } locked)
        {
            telemetry.SignIn("locked_out");
            throw new TooManyRequestsException(PasswordGuesses.LockedOut, locked);
        }

        var check = await credentials.SignInAsync(command.Email, command.Password, cancellationToken);
        if (check is not { Result: CredentialOutcome.Succeeded, Account: { } account })
        {
            var wait = await guesses.FailedAsync(guessed);
            telemetry.SignIn(wait is null ? "failed" : "locked_out");
            throw wait is null ? new BadRequestException(IncorrectCredentials) : new TooManyRequestsException(PasswordGuesses.LockedOut, wait);
        }

        await guesses.SucceededAsync(guessed, cancellationToken);
        if (!account.IsActive)
        {
            telemetry.SignIn("inactive");
            throw new BadRequestException(AccessMessages.InactiveUser);
        }

        // Said only to whoever knows the password, as "Inactive user" is: it tells nobody else the address has an account.
        if (!account.MaySignIn(settings.EmailVerification))
        {
            telemetry.SignIn("unverified");
            throw new BadRequestException(EmailNotVerified);
        }

        if (account.MfaEnabled)
        {
            telemetry.SignIn("second_step_required");
            throw new MfaRequiredException(mfaTokens.Issue(account.Id));
        }

        telemetry.SignIn("succeeded");
        var session = sessions.Start(account.Id, command.Client);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new SignedIn(await tokens.IssueAsync(account.Id, session.SessionId, cancellationToken), session);
    }
}
