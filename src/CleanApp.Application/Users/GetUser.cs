using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Domain.Users;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>
/// An account by id: users may read only their own (any other id is 403, whether or not it exists, so ids cannot
/// be probed); superusers read any (404 when there is none).
/// </summary>
public sealed record GetUserQuery(Guid Id) : IQuery<UserDto>;

internal sealed class GetUserQueryHandler(IUserAccounts accounts, ICurrentUser currentUser) : IQueryHandler<GetUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        if (!UserAccount.MayRead(currentUser.Required(), query.Id))
        {
            throw new ForbiddenException(AccessMessages.NotEnoughPrivileges);
        }

        var account = await accounts.FindAsync(query.Id, cancellationToken);
        return account?.ToDto() ?? throw new NotFoundException(UserErrors.NotFound);
    }
}
