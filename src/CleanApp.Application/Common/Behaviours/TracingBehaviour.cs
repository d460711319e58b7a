using System.Diagnostics;
using CleanApp.Application.Common.Telemetry;
using Mediator;

namespace CleanApp.Application.Common.Behaviours;

/// <summary>A span for each message, named after it (<c>ListItemsQuery</c>), around the whole pipeline; an error when it fails.</summary>
internal sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = AppTelemetry.Source.StartActivity(typeof(TMessage).Name);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception e) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
