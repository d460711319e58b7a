using CleanApp.Application.Users;
using CleanApp.Domain.Roles;

namespace CleanApp.Application.Roles;

/// <summary>
/// Gives a user exactly these roles, effective on their next request. <c>admin</c> among them makes the user a
/// superuser and leaving it out makes them not one (<c>is_superuser</c> is the admin role): that only a superuser does,
/// and the last active superuser cannot leave it. Anyone else acts only on an account whose every permission it holds,
/// and gives only roles whose every permission it holds.
/// </summary>
[RequiresPermission(RolePermissions.Manage)]
public sealed record SetUserRolesCommand(Guid UserId, IReadOnlyList<string> Roles) : ICommand<UserDto>;

internal sealed class SetUserRolesCommandValidator : AbstractValidator<SetUserRolesCommand>
{
    public SetUserRolesCommandValidator()
    {
        RuleFor(c => c.Roles).Cascade(CascadeMode.Stop).NotNull().Must(r => r.Count <= RoleRules.MaxPerRequest).WithMessage($"At most {RoleRules.MaxPerRequest} roles.");
        RuleForEach(c => c.Roles).ValidRoleName();
    }
}

internal sealed class SetUserRolesCommandHandler(IRoleRepository roles, IUserRepository accounts, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<SetUserRolesCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(SetUserRolesCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        var target = await accounts.FindWithRolesAsync(command.UserId, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
        var account = target.Account;
        var custom = RoleRules.Distinct([.. command.Roles.Where(r => !RoleRules.IsBuiltIn(r))]);
        var unknown = await roles.UnknownAsync(custom, cancellationToken);
        if (unknown.Count > 0)
        {
            throw RoleRules.UnknownRoles(unknown);
        }

        if (!caller.IsSuperuser)
        {
            Reach.ThrowUnlessReaches(caller, target);
            var given = (await roles.ListAsync(cancellationToken)).Where(r => custom.Contains(r.Name, StringComparer.Ordinal)).SelectMany(r => r.Permissions);
            Reach.ThrowUnlessHolds(caller, given, "give roles");
        }

        var superuser = command.Roles.Any(RoleRules.IsBuiltIn);
        if (superuser != account.IsSuperuser)
        {
            if (!caller.IsSuperuser)
            {
                throw new ForbiddenException(Reach.SuperusersOnly);
            }

            if (!superuser && account.Id == caller.Id && !Role.MayGiveUpSuperuserRights(await accounts.CountActiveSuperusersAsync(cancellationToken)))
            {
                throw new ConflictException(UserErrors.LastSuperuser);
            }
        }

        if (!await roles.SetMembershipsAsync(command.UserId, superuser, custom, cancellationToken))
        {
            throw new NotFoundException(UserErrors.NotFound);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);

        var updated = await accounts.FindWithRolesAsync(command.UserId, cancellationToken) ?? throw new NotFoundException(UserErrors.NotFound);
        return updated.Account.ToDto(updated.Roles);
    }
}
