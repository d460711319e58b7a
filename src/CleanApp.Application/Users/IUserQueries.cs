using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Users;

namespace CleanApp.Application.Users;

/// <summary>
/// The read side of accounts: lists come straight out of the identity store (the handler adds their roles). Changes
/// go through <see cref="IUserAccounts"/>.
/// </summary>
public interface IUserQueries
{
    /// <summary>A page of accounts, newest first (id breaking ties), with the exact total and the cursor of the next page.</summary>
    Task<Page<UserAccount>> ListAsync(PageRequest request, CancellationToken cancellationToken);
}
