using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>The caller changes their own name or email; nothing else about the account can be changed this way.</summary>
[SignedIn]
public sealed record UpdateCurrentUserCommand(Optional<string?> FullName = default, Optional<string> Email = default) : ICommand<UserDto>;

internal sealed class UpdateCurrentUserCommandValidator : AbstractValidator<UpdateCurrentUserCommand>
{
    public UpdateCurrentUserCommandValidator()
    {
        this.RuleForOptional(c => c.Email, rule => rule.ValidEmail());
        this.RuleForOptional(c => c.FullName, rule => rule.ValidFullName());
    }
}

internal sealed class UpdateCurrentUserCommandHandler(IUserAccounts accounts, ICurrentUser currentUser)
    : ICommandHandler<UpdateCurrentUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateCurrentUserCommand command, CancellationToken cancellationToken)
    {
        var changes = new UserAccountChanges(Email: command.Email, FullName: command.FullName);
        var caller = currentUser.Required();
        var account = await accounts.UpdateAsync(caller.Id, changes, cancellationToken);
        return account?.ToDto(caller.Granted()) ?? throw new UnauthenticatedException();
    }
}
