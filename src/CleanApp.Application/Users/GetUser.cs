namespace CleanApp.Application.Users;

/// <summary>
/// An account by id: users may read their own; another id is 403, whether or not it exists, so ids cannot be probed,
/// unless the caller holds <c>users.read</c> (superusers do): then 404 when there is none.
/// </summary>
[SignedIn]
public sealed record GetUserQuery(Guid Id) : IQuery<UserDto>;

internal sealed class GetUserQueryHandler(IUserRepository accounts, ICurrentUser currentUser) : IQueryHandler<GetUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        if (user.Id != query.Id && !user.Has(UserPermissions.Read))
        {
            throw new ForbiddenException(AccessMessages.NotEnoughPrivileges);
        }

        var found = await accounts.FindWithRolesAsync(query.Id, cancellationToken);
        return found?.Account.ToDto(found.Roles) ?? throw new NotFoundException(UserErrors.NotFound);
    }
}
