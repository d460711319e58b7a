using CleanApp.Application.Common.Paging;
using CleanApp.Application.Users;
using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Persistence;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// Lists of accounts, paged as every list is (<see cref="OwnedLists"/>), projected into the answer. The total is a
/// count of the accounts: a small table (a product with millions of accounts keeps a count, as items do: ADR 0007).
/// </summary>
internal sealed class UserQueries(AppDbContext db) : IUserQueries
{
    public async Task<Page<UserAccount>> ListAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        var total = await users.LongCountAsync(cancellationToken);
        return await users.PageOf(request)
            .ProjectToAccount()
            .ToPageAsync(total, request, u => new PageCursor(u.CreatedAt, u.Id), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, GrantedRoles>> GrantsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        (await Grants.Rows(db).Where(g => userIds.Contains(g.UserId)).AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(g => g.UserId)
            .ToDictionary(user => user.Key, user => Grants.Of(user));
}
