using CleanApp.Domain.Roles;

namespace CleanApp.Application.Users;

/// <summary>
/// A holder of <c>users.update</c> changes any field of an account whose every permission it holds too; only the fields
/// that are set change. A superuser's account, and whether an account is a superuser's (the built-in admin role), only a
/// superuser changes. A new password, a deactivation or a new email signs the account out everywhere.
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

internal sealed class UpdateUserCommandHandler(IUserRepository accounts, IUserQueries users, ISessionRepository sessions, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        if (!caller.IsSuperuser)
        {
            if (command.IsSuperuser is { HasValue: true, Value: true })
            {
                throw new ForbiddenException(Reach.SuperusersOnly);
            }

            Reach.ThrowUnlessReaches(caller, await accounts.FindWithRolesAsync(command.Id, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound));
        }

        // The system must keep someone who can administer it: the same reason a superuser cannot delete themselves.
        var givesUpRights = command.IsSuperuser is { HasValue: true, Value: false } || command.IsActive is { HasValue: true, Value: false };
        if (givesUpRights && command.Id == caller.Id && !Role.MayGiveUpSuperuserRights(await accounts.CountActiveSuperusersAsync(cancellationToken)))
        {
            throw new ConflictException(UserErrors.LastSuperuser);
        }

        var changes = new UserAccountChanges(command.Email, command.FullName, command.IsActive, command.IsSuperuser, command.Password);
        var updated = await accounts.UpdateAsync(command.Id, changes, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
        if (command.Password.HasValue || command.IsActive is { HasValue: true, Value: false } || updated.EmailChanged)
        {
            // A password or an email set by someone else, or a deactivation: the account is signed out everywhere (the
            // caller's own session goes on when it is their account), in the change's save.
            await sessions.RevokeAllAsync(command.Id, except: command.Id == caller.Id ? caller.SessionId : null, cancellationToken);
        }

        await unitOfWork.SaveChangesAsync(UserErrors.EmailTaken, cancellationToken);
        return await (await accounts.FindAsync(command.Id, cancellationToken))!.ToDtoAsync(users, cancellationToken);
    }
}
