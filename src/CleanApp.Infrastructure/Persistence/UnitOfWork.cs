using CleanApp.Application.Common.Errors;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// Saves what the use case's repositories changed, in one transaction. A row another request changed since it was read
/// is an <see cref="EditConflictException"/> (the context's own save); a taken unique value, a
/// <see cref="DuplicateKeyException"/> the use case may name.
/// </summary>
internal sealed class UnitOfWork(AppDbContext db, DatabaseErrors errors) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (errors.IsUniqueViolation(e))
        {
            throw new DuplicateKeyException(e);
        }
    }
}
