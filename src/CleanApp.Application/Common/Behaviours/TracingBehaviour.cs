using System.Diagnostics;
using CleanApp.Application.Common.Telemetry;

namespace CleanApp.Application.Common.Behaviours;

/// <summary>A span for each message, named after it (<c>ListItemsQuery</c>), around the whole pipeline; an error when it fails.</summary>
internal sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // No listener (no OTLP endpoint configured): no span, and no state machine of ours around the pipeline.
        var activity = AppTelemetry.Source.StartActivity(typeof(TMessage).Name);
        return activity is null ? next(message, cancellationToken) : TracedAsync(activity, message, next, cancellationToken);
    }

    private static async ValueTask<TResponse> TracedAsync(
        Activity activity, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using (activity)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (Exception e)
            {
                activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                throw;
            }
        }
    }
}
