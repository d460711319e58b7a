using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>A superuser changes any field of an account; only the fields that are set change.</summary>
public sealed record UpdateUserCommand(
    Guid Id,
    Optional<string> Email = default,
    Optional<string?> FullName = default,
    Optional<bool> IsActive = default,
    Optional<bool> IsSuperuser = default,
    Optional<string> Password = default) : ICommand<UserDto>, ISuperuserRequest;

internal sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        When(c => c.Email.HasValue, () => RuleFor(c => c.Email.Value).ValidEmail().OverridePropertyName(nameof(UpdateUserCommand.Email)));
        When(c => c.FullName.HasValue, () => RuleFor(c => c.FullName.Value).ValidFullName().OverridePropertyName(nameof(UpdateUserCommand.FullName)));
        When(c => c.Password.HasValue, () => RuleFor(c => c.Password.Value).ValidPassword().OverridePropertyName(nameof(UpdateUserCommand.Password)));
    }
}

internal sealed class UpdateUserCommandHandler(IUserAccounts accounts) : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var changes = new UserAccountChanges(command.Email, command.FullName, command.IsActive, command.IsSuperuser, command.Password);
        var account = await accounts.UpdateAsync(command.Id, changes, cancellationToken);
        return account?.ToDto() ?? throw new NotFoundException(UserErrors.NotFound);
    }
}
