using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>
/// A holder of <c>users.update</c> changes any field of an account; only the fields that are set change. A superuser's
/// account, and whether an account is a superuser's (the built-in admin role), only a superuser changes.
/// </summary>
[RequiresPermission(UserPermissions.Update)]
public sealed record UpdateUserCommand(
    Guid Id,
    Optional<string> Email = default,
    Optional<string?> FullName = default,
    Optional<bool> IsActive = default,
    Optional<bool> IsSuperuser = default,
    Optional<string> Password = default) : ICommand<UserDto>;

internal sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        this.RuleForOptional(c => c.Email, rule => rule.ValidEmail());
        this.RuleForOptional(c => c.FullName, rule => rule.ValidFullName());
        this.RuleForOptional(c => c.Password, rule => rule.ValidPassword());
    }
}

internal sealed class UpdateUserCommandHandler(IUserAccounts accounts, IRoles roles, ISessions sessions, ICurrentUser currentUser) : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        if (!caller.IsSuperuser)
        {
            var target = await accounts.FindAsync(command.Id, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
            if (target.IsSuperuser || command.IsSuperuser is { HasValue: true, Value: true })
            {
                throw new ForbiddenException(UserErrors.SuperusersOnly);
            }
        }

        // The system must keep someone who can administer it: the same reason a superuser cannot delete themselves.
        var givesUpRights = command.IsSuperuser is { HasValue: true, Value: false } || command.IsActive is { HasValue: true, Value: false };
        if (givesUpRights && command.Id == caller.Id && await accounts.CountActiveSuperusersAsync(cancellationToken) <= 1)
        {
            throw new ConflictException(UserErrors.LastSuperuser);
        }

        var changes = new UserAccountChanges(command.Email, command.FullName, command.IsActive, command.IsSuperuser, command.Password);
        var account = await accounts.UpdateAsync(command.Id, changes, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
        if (command.Password.HasValue || command.IsActive is { HasValue: true, Value: false })
        {
            // A password set by someone else, or a deactivation: the account is signed out everywhere.
            await sessions.RevokeAllAsync(command.Id, except: null, cancellationToken);
        }

        return await account.ToDtoAsync(roles, cancellationToken);
    }
}
