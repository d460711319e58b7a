using CleanApp.Application.Auth;
using FluentValidation.Results;

namespace CleanApp.Application.Users;

/// <summary>
/// The caller changes their own name or email; nothing else about the account can be changed this way. A new email
/// asks for the current password (<c>currentPassword</c>; not in the FastAPI template's profile, whose form sends none),
/// kills every reset link, signs out the caller's other sessions and mails the previous address a way back: a stolen
/// bearer token cannot keep the account.
/// </summary>
[SignedIn]
public sealed record UpdateCurrentUserCommand(
    Optional<string?> FullName = default, Optional<string> Email = default, string? CurrentPassword = null, SessionClient? Client = null) : ICommand<UserDto>;

internal sealed class UpdateCurrentUserCommandValidator : AbstractValidator<UpdateCurrentUserCommand>
{
    public UpdateCurrentUserCommandValidator()
    {
        this.RuleForOptional(c => c.Email, rule => rule.ValidEmail());
        this.RuleForOptional(c => c.FullName, rule => rule.ValidFullName());
        RuleFor(c => c.CurrentPassword).MaximumLength(Domain.Users.UserRules.PasswordMaxLength);
    }
}

internal sealed class UpdateCurrentUserCommandHandler(
    IUserRepository accounts, ICredentials credentials, PasswordGuesses guesses, ISessionRepository sessions, IUnitOfWork unitOfWork, ICurrentUser currentUser, ApplicationSettings settings)
    : ICommandHandler<UpdateCurrentUserCommand, UserDto>
{
    internal const string PasswordNeeded = "Changing the email needs your current password.";

    public async ValueTask<UserDto> Handle(UpdateCurrentUserCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        if (command.Email.HasValue && settings.EmailChangeNeedsPassword)
        {
            await ProveItIsTheOwnerAsync(caller.Id, command, cancellationToken);
        }

        var changes = new UserAccountChanges(Email: command.Email, FullName: command.FullName);
        var updated = await accounts.UpdateAsync(caller.Id, changes, cancellationToken) ?? throw new UnauthenticatedException();
        if (updated.EmailChanged)
        {
            // The other sessions end with the change, in its save.
            await sessions.RevokeAllAsync(caller.Id, except: caller.SessionId, cancellationToken);
        }

        await unitOfWork.SaveChangesAsync(UserErrors.EmailTaken, cancellationToken);
        return (await accounts.FindAsync(caller.Id, cancellationToken))!.ToDto(caller.Granted());
    }

    private async Task ProveItIsTheOwnerAsync(Guid id, UpdateCurrentUserCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(id, cancellationToken) ?? throw new UnauthenticatedException();
        if (string.Equals(account.Email, command.Email.Value, StringComparison.OrdinalIgnoreCase))
        {
            return; // the same address (in another case, say): nothing to prove
        }

        if (string.IsNullOrEmpty(command.CurrentPassword))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.CurrentPassword), PasswordNeeded)]);
        }

        var guessed = await guesses.ReadAsync(id.ToString(), command.Client, cancellationToken);
        if (guessed.Wait is { } locked)
        {
            throw new TooManyRequestsException(PasswordGuesses.LockedOut, locked);
        }

        if (!await credentials.VerifyPasswordAsync(id, command.CurrentPassword, cancellationToken))
        {
            var wait = await guesses.FailedAsync(guessed);
            throw wait is null ? new BadRequestException(ChangeCurrentUserPasswordCommandHandler.IncorrectPassword) : new TooManyRequestsException(PasswordGuesses.LockedOut, wait);
        }

        await guesses.SucceededAsync(guessed, cancellationToken);
    }
}
