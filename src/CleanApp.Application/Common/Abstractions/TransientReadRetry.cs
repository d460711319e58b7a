namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// The one retry policy for reads that hit a transient database fault (a pooled connection broken by a restart, a
/// failover): run again after 50 ms, then after 250 ms, then give up (the fault reaches the client as a 503). Only
/// reads: a write that failed mid-way may have been applied, and is never run twice. The mediator's query behaviour
/// and the token's user check both use it.
/// </summary>
public static class TransientReadRetry
{
    public static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    /// <summary>Runs <paramref name="read"/> with <paramref name="state"/> (no closure on the hot path), retried as above.</summary>
    public static async ValueTask<TResult> RunAsync<TState, TResult>(
        TState state, Func<TState, CancellationToken, ValueTask<TResult>> read, IFaultClassifier faults, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read(state, cancellationToken);
            }
            catch (Exception e) when (attempt < Delays.Length && !cancellationToken.IsCancellationRequested && faults.IsTransient(e))
            {
                await Task.Delay(Delays[attempt], cancellationToken);
            }
        }
    }
}
