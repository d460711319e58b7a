using CleanApp.Application.Common.Abstractions;
using Mediator;

namespace CleanApp.Application.Common.Behaviours;

/// <summary>
/// Runs a query again when it failed on a transient fault (a pooled connection broken by a database restart, a
/// failover): a query changes nothing, so running it twice is safe. Commands are never retried: one that failed
/// mid-way may have been applied, and the client is told so by a 503 instead of a second attempt.
/// </summary>
internal sealed class QueryRetryBehaviour<TMessage, TResponse>(IFaultClassifier faults) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    internal static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken) =>
        message is IBaseQuery ? WithRetriesAsync(message, next, cancellationToken) : next(message, cancellationToken);

    private async ValueTask<TResponse> WithRetriesAsync(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (Exception e) when (attempt < Delays.Length && !cancellationToken.IsCancellationRequested && faults.IsTransient(e))
            {
                await Task.Delay(Delays[attempt], cancellationToken);
            }
        }
    }
}
