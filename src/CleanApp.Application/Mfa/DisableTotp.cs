using CleanApp.Application.Auth;
using Microsoft.Extensions.Logging;

namespace CleanApp.Application.Mfa;

/// <summary>
/// The caller turns two-step sign-in off, with their password and a code (a TOTP or a recovery code): the key and the
/// recovery codes are gone, and every other session of theirs ends.
/// </summary>
[SignedIn]
public sealed record DisableTotpCommand(string Password, string Code, SessionClient? Client = null) : ICommand<Confirmation>;

internal sealed class DisableTotpCommandValidator : AbstractValidator<DisableTotpCommand>
{
    public DisableTotpCommandValidator()
    {
        RuleFor(c => c.Password).NotEmpty();
        RuleFor(c => c.Code).NotEmpty().MaximumLength(32);
    }
}

internal sealed partial class DisableTotpCommandHandler(
    OwnerProof proof, IAuthenticators authenticators, ISessionRepository sessions, IUnitOfWork unitOfWork, ICurrentUser currentUser, ILogger<DisableTotpCommandHandler> logger)
    : ICommandHandler<DisableTotpCommand, Confirmation>
{
    public async ValueTask<Confirmation> Handle(DisableTotpCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        await proof.ProveAsync(caller.Id, command.Password, command.Code, command.Client, cancellationToken);
        await authenticators.DisableAsync(caller.Id, cancellationToken);
        await sessions.RevokeAllAsync(caller.Id, except: caller.SessionId, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogDisabled(logger, caller.Id);
        return new Confirmation("Two-step sign-in turned off; your other sessions were signed out");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned two-step sign-in off")]
    private static partial void LogDisabled(ILogger logger, Guid userId);
}

/// <summary>The caller replaces their recovery codes, with their password and a code: the earlier set is spent.</summary>
[SignedIn]
public sealed record NewRecoveryCodesCommand(string Password, string Code, SessionClient? Client = null) : ICommand<RecoveryCodeSet>;

internal sealed class NewRecoveryCodesCommandValidator : AbstractValidator<NewRecoveryCodesCommand>
{
    public NewRecoveryCodesCommandValidator()
    {
        RuleFor(c => c.Password).NotEmpty();
        RuleFor(c => c.Code).NotEmpty().MaximumLength(32);
    }
}

internal sealed partial class NewRecoveryCodesCommandHandler(
    OwnerProof proof, IAuthenticators authenticators, IUnitOfWork unitOfWork, ICurrentUser currentUser, ILogger<NewRecoveryCodesCommandHandler> logger)
    : ICommandHandler<NewRecoveryCodesCommand, RecoveryCodeSet>
{
    public async ValueTask<RecoveryCodeSet> Handle(NewRecoveryCodesCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        await proof.ProveAsync(caller.Id, command.Password, command.Code, command.Client, cancellationToken);
        var codes = await authenticators.NewRecoveryCodesAsync(caller.Id, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogNewCodes(logger, caller.Id);
        return new RecoveryCodeSet(codes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} replaced their recovery codes")]
    private static partial void LogNewCodes(ILogger logger, Guid userId);
}
