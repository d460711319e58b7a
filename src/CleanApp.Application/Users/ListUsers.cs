using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Common.Security;
using FluentValidation;
using Mediator;

namespace CleanApp.Application.Users;

/// <summary>Every account, newest first. Superusers only.</summary>
public sealed record ListUsersQuery(int Skip = 0, int Limit = IPagedQuery.DefaultLimit, string? Cursor = null)
    : IQuery<Page<UserDto>>, IPagedQuery, ISuperuserRequest;

internal sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator() => Include(new PagedQueryValidator());
}

internal sealed class ListUsersQueryHandler(IUserQueries users) : IQueryHandler<ListUsersQuery, Page<UserDto>>
{
    public ValueTask<Page<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken) =>
        new(users.ListAsync(query.ToPageRequest(), cancellationToken));
}
