using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Common.Validation;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>A superuser creates an account, choosing whether it is active and whether it is a superuser.</summary>
public sealed record CreateUserCommand(string Email, string Password, string? FullName = null, bool IsActive = true, bool IsSuperuser = false)
    : ICommand<UserDto>, ISuperuserRequest, INewAccountRequest;

internal sealed class CreateUserCommandValidator : NewAccountValidator<CreateUserCommand>;

internal sealed class CreateUserCommandHandler(IUserAccounts accounts) : ICommandHandler<CreateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.CreateAsync(
            new NewUserAccount(command.Email, command.Password, command.FullName, command.IsActive, command.IsSuperuser), cancellationToken);
        return account.ToDto();
    }
}
