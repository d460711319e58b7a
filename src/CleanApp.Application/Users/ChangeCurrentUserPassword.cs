using CleanApp.Application.Auth;

namespace CleanApp.Application.Users;

/// <summary>
/// The caller changes their password, proving they know the current one. Every other session of theirs is revoked
/// (a thief's included); the one they changed it from goes on. Wrong
/// guesses are counted per client as at sign-in (<see cref="PasswordGuesses"/>), so a stolen token cannot be used to
/// guess the password.
/// </summary>
[SignedIn]
public sealed record ChangeCurrentUserPasswordCommand(string CurrentPassword, string NewPassword, SessionClient? Client = null) : ICommand<Confirmation>;

internal sealed class ChangeCurrentUserPasswordCommandValidator : AbstractValidator<ChangeCurrentUserPasswordCommand>
{
    public ChangeCurrentUserPasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty();
        RuleFor(c => c.NewPassword).ValidPassword();
    }
}

internal sealed class ChangeCurrentUserPasswordCommandHandler(ICredentials credentials, PasswordGuesses guesses, ISessionRepository sessions, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<ChangeCurrentUserPasswordCommand, Confirmation>
{
    internal const string IncorrectPassword = "Incorrect password";
    internal const string SamePassword = "New password cannot be the same as the current one";

    public async ValueTask<Confirmation> Handle(ChangeCurrentUserPasswordCommand command, CancellationToken cancellationToken)
    {
        if (command.NewPassword == command.CurrentPassword)
        {
            throw new BadRequestException(SamePassword);
        }

        var user = currentUser.Required();
        var guessed = await guesses.ReadAsync(user.Id.ToString(), command.Client, cancellationToken);
        if (guessed.Wait is { } locked)
        {
            throw new TooManyRequestsException(PasswordGuesses.LockedOut, locked);
        }

        var check = await credentials.ChangePasswordAsync(user.Id, command.CurrentPassword, command.NewPassword, cancellationToken);
        if (check.Result != CredentialOutcome.Succeeded)
        {
            var wait = await guesses.FailedAsync(guessed);
            throw wait is null ? new BadRequestException(IncorrectPassword) : new TooManyRequestsException(PasswordGuesses.LockedOut, wait);
        }

        await guesses.SucceededAsync(guessed, cancellationToken);
        await sessions.RevokeAllAsync(user.Id, except: user.SessionId, cancellationToken);
        await unitOfWork.SaveChangesAsync(CancellationToken.None); // a sign-out holds even if the client hangs up
        return new Confirmation("Password updated successfully");
    }
}
