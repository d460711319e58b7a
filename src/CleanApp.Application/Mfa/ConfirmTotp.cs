using Microsoft.Extensions.Logging;

namespace CleanApp.Application.Mfa;

/// <summary>
/// The caller proves their authenticator app has the new key with one of its codes: two-step sign-in is on, and the
/// answer carries ten single-use recovery codes, shown this once.
/// </summary>
[SignedIn]
public sealed record ConfirmTotpCommand(string Code) : ICommand<RecoveryCodeSet>;

internal sealed class ConfirmTotpCommandValidator : AbstractValidator<ConfirmTotpCommand>
{
    public ConfirmTotpCommandValidator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(16);
}

internal sealed partial class ConfirmTotpCommandHandler(
    IUserRepository accounts, IAuthenticators authenticators, SecondStep secondStep, IUnitOfWork unitOfWork, ICurrentUser currentUser, ILogger<ConfirmTotpCommandHandler> logger)
    : ICommandHandler<ConfirmTotpCommand, RecoveryCodeSet>
{
    public async ValueTask<RecoveryCodeSet> Handle(ConfirmTotpCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        var account = await accounts.FindAsync(caller.Id, cancellationToken) ?? throw new UnauthenticatedException();
        if (account.MfaEnabled)
        {
            throw new ConflictException(MfaMessages.AlreadyOn);
        }

        if (!await secondStep.IsCodeAsync(caller.Id, command.Code, cancellationToken))
        {
            throw new BadRequestException(MfaMessages.InvalidCode);
        }

        var codes = await authenticators.EnableAsync(caller.Id, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogEnabled(logger, caller.Id);
        return new RecoveryCodeSet(codes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned two-step sign-in on")]
    private static partial void LogEnabled(ILogger logger, Guid userId);
}
