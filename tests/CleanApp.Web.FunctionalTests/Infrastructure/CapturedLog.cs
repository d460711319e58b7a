using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>A Serilog sink that keeps every rendered message (the app's Serilog reads sinks from its services).</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<string> messages = new();

    public IEnumerable<string> Messages => messages;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        messages.Enqueue(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
