using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>
/// The caller changes their password, proving they know the current one. Every other session of theirs is revoked
/// (a thief's included); the one they changed it from goes on. Wrong
/// guesses count toward the same lockout as sign-in, so a stolen token cannot be used to guess the password.
/// </summary>
[SignedIn]
public sealed record ChangeCurrentUserPasswordCommand(string CurrentPassword, string NewPassword) : ICommand<Confirmation>;

internal sealed class ChangeCurrentUserPasswordCommandValidator : AbstractValidator<ChangeCurrentUserPasswordCommand>
{
    public ChangeCurrentUserPasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty();
        RuleFor(c => c.NewPassword).ValidPassword();
    }
}

internal sealed class ChangeCurrentUserPasswordCommandHandler(ICredentials credentials, ISessions sessions, ICurrentUser currentUser)
    : ICommandHandler<ChangeCurrentUserPasswordCommand, Confirmation>
{
    internal const string IncorrectPassword = "Incorrect password";
    internal const string LockedOut = "Too many wrong passwords; the account is locked for a while";
    internal const string SamePassword = "New password cannot be the same as the current one";

    public async ValueTask<Confirmation> Handle(ChangeCurrentUserPasswordCommand command, CancellationToken cancellationToken)
    {
        if (command.NewPassword == command.CurrentPassword)
        {
            throw new BadRequestException(SamePassword);
        }

        var user = currentUser.Required();
        var check = await credentials.ChangePasswordAsync(user.Id, command.CurrentPassword, command.NewPassword, cancellationToken);
        if (check.Result == CredentialOutcome.Succeeded)
        {
            await sessions.RevokeAllAsync(user.Id, except: user.SessionId, cancellationToken);
        }

        return check.Result switch
        {
            CredentialOutcome.Succeeded => new Confirmation("Password updated successfully"),
            CredentialOutcome.LockedOut => throw new TooManyRequestsException(LockedOut, check.RetryAfter),
            _ => throw new BadRequestException(IncorrectPassword),
        };
    }
}
