using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Users;

/// <summary>
/// The read side of accounts: lists come straight out of the identity store, and what users are granted. Changes
/// go through <see cref="IUserRepository"/>.
/// </summary>
public interface IUserQueries
{
    /// <summary>A page of accounts, newest first (id breaking ties), with the exact total and the cursor of the next page.</summary>
    Task<Page<UserAccount>> ListAsync(PageRequest request, CancellationToken cancellationToken);

    /// <summary>The custom roles of each of these users and what they grant (a user without any is absent).</summary>
    Task<IReadOnlyDictionary<Guid, GrantedRoles>> GrantsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
}
