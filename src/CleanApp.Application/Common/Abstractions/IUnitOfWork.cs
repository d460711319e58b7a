namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// Commits every change the use case's repositories made, in one transaction: a change to a row another request changed
/// meanwhile fails with <c>EditConflictException</c>, a value taken by another row with <c>DuplicateKeyException</c>
/// (nothing is saved either way).
/// </summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
