using CleanApp.Application.Users;

namespace CleanApp.Application.Auth;

/// <summary>Whether a bearer token works: its user's account, as the caller's own (the FastAPI template's test-token).</summary>
[SignedIn]
public sealed record TestTokenQuery : IQuery<UserDto>;

internal sealed class TestTokenQueryHandler(IUserRepository accounts, ICurrentUser currentUser) : IQueryHandler<TestTokenQuery, UserDto>
{
    public ValueTask<UserDto> Handle(TestTokenQuery query, CancellationToken cancellationToken) => CurrentAccount.ReadAsync(accounts, currentUser, cancellationToken);
}
