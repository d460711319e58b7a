namespace CleanApp.Infrastructure.Persistence;

/// <summary>Periodic work that one instance at a time is enough for, each provider's module holding the lock its own way.</summary>
internal interface IJobLock
{
    /// <summary>
    /// Runs <paramref name="work"/> unless another instance is running the job of that name right now (then skips it
    /// and answers false).
    /// </summary>
    Task<bool> RunAloneAsync(string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken);
}
