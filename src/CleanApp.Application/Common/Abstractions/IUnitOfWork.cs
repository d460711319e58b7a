namespace CleanApp.Application.Common.Abstractions;

/// <summary>Commits every change the use case made, in one transaction.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
