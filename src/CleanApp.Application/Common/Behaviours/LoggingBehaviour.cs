using Microsoft.Extensions.Logging;

namespace CleanApp.Application.Common.Behaviours;

/// <summary>
/// Logs every message the mediator handles with how long it took, and flags the slow ones; a message whose caller went
/// away (the client closed the request) is not slow, only cancelled.
/// </summary>
internal sealed partial class LoggingBehaviour<TMessage, TResponse>(
    ILogger<LoggingBehaviour<TMessage, TResponse>> logger,
    TimeProvider timeProvider) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    internal static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            if (cancellationToken.IsCancellationRequested)
            {
                LogCancelled(logger, typeof(TMessage).Name, elapsed.TotalMilliseconds);
            }
            else if (elapsed >= SlowThreshold)
            {
                LogSlow(logger, typeof(TMessage).Name, elapsed.TotalMilliseconds);
            }
            else
            {
                LogHandled(logger, typeof(TMessage).Name, elapsed.TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {MessageName} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageName, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {MessageName} after {ElapsedMilliseconds:0.0} ms: the caller went away")]
    private static partial void LogCancelled(ILogger logger, string messageName, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow message {MessageName}: {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogSlow(ILogger logger, string messageName, double elapsedMilliseconds);
}
