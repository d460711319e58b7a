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

public static class UnitOfWorkExtensions
{
    /// <summary>Saves; a unique value another request took in the meantime is a 409 saying <paramref name="whenTaken"/>.</summary>
    public static async Task SaveChangesAsync(this IUnitOfWork unitOfWork, string whenTaken, CancellationToken cancellationToken)
    {
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw new ConflictException(whenTaken);
        }
    }
}
