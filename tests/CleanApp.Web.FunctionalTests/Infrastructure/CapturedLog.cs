using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>A Serilog sink that keeps every event (the app's Serilog reads sinks from its services).</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<Entry> entries = new();

    /// <summary>One logged event: its level, rendered message and exception, if any.</summary>
    public sealed record Entry(LogEventLevel Level, string Message, Exception? Exception)
    {
        public override string ToString() => $"[{Level}] {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
    }

    public IEnumerable<string> Messages => entries.Select(e => e.Message);

    public IEnumerable<Entry> Entries => entries;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        entries.Enqueue(new Entry(logEvent.Level, logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), logEvent.Exception));
    }
}
