namespace CleanApp.Application.Users;

/// <summary>Anyone opens an account for themselves: always active, never a superuser (the message cannot even say so).</summary>
[Anonymous]
public sealed record SignupCommand(string Email, string Password, string? FullName = null) : ICommand<UserDto>, INewAccountRequest;

internal sealed class SignupCommandValidator : NewAccountValidator<SignupCommand>;

internal sealed class SignupCommandHandler(IUserRepository accounts, IUnitOfWork unitOfWork) : ICommandHandler<SignupCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(SignupCommand command, CancellationToken cancellationToken)
    {
        var id = await accounts.AddAsync(
            new NewUserAccount(command.Email, command.Password, command.FullName, IsActive: true, IsSuperuser: false, SignedUp: true), cancellationToken);
        await unitOfWork.SaveChangesAsync(UserErrors.EmailTaken, cancellationToken);
        return (await accounts.FindAsync(id, cancellationToken))!.ToDto(GrantedRoles.None);
    }
}
