namespace CleanApp.Application.Users;

/// <summary>
/// A holder of <c>users.create</c> creates an account, choosing whether it is active; whether it is a superuser only a
/// superuser chooses.
/// </summary>
[RequiresPermission(UserPermissions.Create)]
public sealed record CreateUserCommand(string Email, string Password, string? FullName = null, bool IsActive = true, bool IsSuperuser = false)
    : ICommand<UserDto>, INewAccountRequest;

internal sealed class CreateUserCommandValidator : NewAccountValidator<CreateUserCommand>;

internal sealed class CreateUserCommandHandler(IUserRepository accounts, IUnitOfWork unitOfWork, ICurrentUser currentUser) : ICommandHandler<CreateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        if (command.IsSuperuser && !currentUser.Required().IsSuperuser)
        {
            throw new ForbiddenException(Reach.SuperusersOnly);
        }

        var id = await accounts.AddAsync(
            new NewUserAccount(command.Email, command.Password, command.FullName, command.IsActive, command.IsSuperuser), cancellationToken);
        await unitOfWork.SaveChangesAsync(UserErrors.EmailTaken, cancellationToken);
        return (await accounts.FindAsync(id, cancellationToken))!.ToDto(GrantedRoles.None);
    }
}
