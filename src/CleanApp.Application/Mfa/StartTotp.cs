using CleanApp.Application.Auth;

namespace CleanApp.Application.Mfa;

/// <summary>
/// The caller starts two-step sign-in: with their password, a new authenticator key, not in use until a code of it is
/// confirmed (<see cref="ConfirmTotpCommand"/>). Wrong passwords count as at sign-in.
/// </summary>
[SignedIn]
public sealed record StartTotpCommand(string Password, SessionClient? Client = null) : ICommand<TotpSetup>;

internal sealed class StartTotpCommandValidator : AbstractValidator<StartTotpCommand>
{
    public StartTotpCommandValidator() => RuleFor(c => c.Password).NotEmpty();
}

internal sealed class StartTotpCommandHandler(
    IUserRepository accounts, IAuthenticators authenticators, PasswordCheck passwords, IUnitOfWork unitOfWork, ICurrentUser currentUser, ApplicationSettings settings)
    : ICommandHandler<StartTotpCommand, TotpSetup>
{
    public async ValueTask<TotpSetup> Handle(StartTotpCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        var account = await accounts.FindAsync(caller.Id, cancellationToken) ?? throw new UnauthenticatedException();
        if (account.MfaEnabled)
        {
            throw new ConflictException(MfaMessages.AlreadyOn);
        }

        await passwords.CheckAsync(caller.Id, command.Password, command.Client, cancellationToken);
        var key = await authenticators.NewKeyAsync(caller.Id, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var issuer = Uri.EscapeDataString(settings.ProjectName);
        return new TotpSetup(key, $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account.Email)}?secret={key}&issuer={issuer}&digits=6&period=30");
    }
}

/// <summary>The caller's password, checked with the guesses counted per client as at sign-in (<see cref="PasswordGuesses"/>).</summary>
internal sealed class PasswordCheck(ICredentials credentials, PasswordGuesses guesses)
{
    public const string IncorrectPassword = "Incorrect password";

    public async Task CheckAsync(Guid userId, string password, SessionClient? client, CancellationToken cancellationToken)
    {
        var guessed = await guesses.ReadAsync(userId.ToString(), client, cancellationToken);
        if (guessed.Wait is { } locked)
        {
            throw new TooManyRequestsException(PasswordGuesses.LockedOut, locked);
        }

        if (!await credentials.VerifyPasswordAsync(userId, password, cancellationToken))
        {
            var wait = await guesses.FailedAsync(guessed);
            throw wait is null ? new BadRequestException(IncorrectPassword) : new TooManyRequestsException(PasswordGuesses.LockedOut, wait);
        }

        await guesses.SucceededAsync(guessed, cancellationToken);
    }
}
