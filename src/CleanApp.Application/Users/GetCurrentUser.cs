namespace CleanApp.Application.Users;

/// <summary>The caller's own account.</summary>
[SignedIn]
public sealed record GetCurrentUserQuery : IQuery<UserDto>;

internal sealed class GetCurrentUserQueryHandler(IUserRepository accounts, ICurrentUser currentUser) : IQueryHandler<GetCurrentUserQuery, UserDto>
{
    public ValueTask<UserDto> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken) => CurrentAccount.ReadAsync(accounts, currentUser, cancellationToken);
}

/// <summary>The caller's account, with the roles and permissions their token was checked with.</summary>
internal static class CurrentAccount
{
    public static async ValueTask<UserDto> ReadAsync(IUserRepository accounts, ICurrentUser currentUser, CancellationToken cancellationToken)
    {
        var caller = currentUser.Required();
        var account = await accounts.FindAsync(caller.Id, cancellationToken);
        // The token was checked against the store moments ago; the account can only be gone if deleted since.
        return account?.ToDto(caller.Granted()) ?? throw new UnauthenticatedException();
    }
}
