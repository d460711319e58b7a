using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>The caller changes their password, proving they know the current one. Their older tokens stop working.</summary>
public sealed record ChangeCurrentUserPasswordCommand(string CurrentPassword, string NewPassword) : ICommand<Confirmation>;

internal sealed class ChangeCurrentUserPasswordCommandValidator : AbstractValidator<ChangeCurrentUserPasswordCommand>
{
    public ChangeCurrentUserPasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty();
        RuleFor(c => c.NewPassword).ValidPassword();
    }
}

internal sealed class ChangeCurrentUserPasswordCommandHandler(IUserAccounts accounts, ICurrentUser currentUser)
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

        var changed = await accounts.ChangePasswordAsync(currentUser.Required().Id, command.CurrentPassword, command.NewPassword, cancellationToken);
        return changed ? new Confirmation("Password updated successfully") : throw new BadRequestException(IncorrectPassword);
    }
}
