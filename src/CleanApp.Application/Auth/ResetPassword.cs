using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Auth;

/// <summary>Sets a new password with the token from a recovery email. A token works once.</summary>
public sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand<Confirmation>, IAnonymousRequest;

internal sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty();
        RuleFor(c => c.NewPassword).ValidPassword();
    }
}

internal sealed class ResetPasswordCommandHandler(IUserAccounts accounts) : ICommandHandler<ResetPasswordCommand, Confirmation>
{
    internal const string InvalidToken = "Invalid token";

    public async ValueTask<Confirmation> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByPasswordResetTokenAsync(command.Token, cancellationToken)
            ?? throw new BadRequestException(InvalidToken);
        if (!account.IsActive)
        {
            throw new BadRequestException(AccessMessages.InactiveUser);
        }

        return await accounts.ResetPasswordAsync(command.Token, command.NewPassword, cancellationToken)
            ? new Confirmation("Password updated successfully")
            : throw new BadRequestException(InvalidToken);
    }
}
