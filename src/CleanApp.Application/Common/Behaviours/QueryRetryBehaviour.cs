namespace CleanApp.Application.Common.Behaviours;

/// <summary>
/// Runs a query again when it failed on a transient fault (<see cref="TransientReadRetry"/>): a query changes nothing,
/// so running it twice is safe. Commands are never retried: one that failed mid-way may have been applied, and the
/// client is told so by a 503 instead of a second attempt.
/// </summary>
internal sealed class QueryRetryBehaviour<TMessage, TResponse>(IFaultClassifier faults) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken) =>
        message is IBaseQuery
            ? TransientReadRetry.RunAsync((message, next), static (state, token) => state.next(state.message, token), faults, cancellationToken)
            : next(message, cancellationToken);
}
