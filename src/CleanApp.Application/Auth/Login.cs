using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Common.Telemetry;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Auth;

/// <summary>
/// Signs in with email and password: a new session, its bearer token and its first refresh token. An unknown email and
/// a wrong password get the same answer; repeated failures lock the account for a while.
/// </summary>
[Anonymous]
public sealed record LoginCommand(string Email, string Password, SessionClient Client) : ICommand<SignedIn>;

internal sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty();
        RuleFor(c => c.Password).NotEmpty();
    }
}

internal sealed class LoginCommandHandler(ICredentials credentials, ISessions sessions, IAccessTokens tokens, AppTelemetry telemetry) : ICommandHandler<LoginCommand, SignedIn>
{
    internal const string IncorrectCredentials = "Incorrect email or password";
    internal const string LockedOut = "Too many failed sign-ins; the account is locked for a while";

    public async ValueTask<SignedIn> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var check = await credentials.SignInAsync(command.Email, command.Password, cancellationToken);
        telemetry.SignIn(check switch
        {
            { Result: CredentialOutcome.LockedOut } => "locked_out",
            { Result: CredentialOutcome.Succeeded, Account.IsActive: false } => "inactive",
            { Result: CredentialOutcome.Succeeded } => "succeeded",
            _ => "failed",
        });
        return check switch
        {
            { Result: CredentialOutcome.LockedOut } => throw new TooManyRequestsException(LockedOut, check.RetryAfter),
            { Result: CredentialOutcome.Succeeded, Account.IsActive: false } => throw new BadRequestException(AccessMessages.InactiveUser),
            { Result: CredentialOutcome.Succeeded, Account: { } account } => await StartAsync(account.Id, command.Client, cancellationToken),
            _ => throw new BadRequestException(IncorrectCredentials),
        };
    }

    private async Task<SignedIn> StartAsync(Guid userId, SessionClient client, CancellationToken cancellationToken)
    {
        var session = await sessions.StartAsync(userId, client, cancellationToken);
        return new SignedIn(await tokens.IssueAsync(userId, session.SessionId, cancellationToken), session);
    }
}
