namespace CleanApp.Application.Auth;

/// <summary>Sets a new password with the token from a recovery email. A token works once. Every session of the account is revoked.</summary>
[Anonymous]
public sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand<Confirmation>;

internal sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty();
        RuleFor(c => c.NewPassword).ValidPassword();
    }
}

internal sealed class ResetPasswordCommandHandler(ICredentials credentials, ISessionRepository sessions, IUnitOfWork unitOfWork) : ICommandHandler<ResetPasswordCommand, Confirmation>
{
    internal const string InvalidToken = "Invalid token";

    public async ValueTask<Confirmation> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var result = await credentials.ResetPasswordAsync(command.Token, command.NewPassword, cancellationToken);
        if (result is { Outcome: PasswordResetOutcome.Reset, UserId: { } userId })
        {
            // Whoever knew the old password, or holds a token of it, is signed out everywhere.
            await sessions.RevokeAllAsync(userId, except: null, cancellationToken);
            await unitOfWork.SaveChangesAsync(CancellationToken.None); // a sign-out holds even if the client hangs up
        }

        return result.Outcome switch
        {
            PasswordResetOutcome.Reset => new Confirmation("Password updated successfully"),
            PasswordResetOutcome.InactiveUser => throw new BadRequestException(AccessMessages.InactiveUser),
            _ => throw new BadRequestException(InvalidToken),
        };
    }
}
