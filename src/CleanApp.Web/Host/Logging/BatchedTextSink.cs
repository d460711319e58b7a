using System.Text;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CleanApp.Web.Host.Logging;

/// <summary>
/// Log lines for a redirected standard output (a container, a service manager, a file): Serilog's batching hands
/// this sink the lines a request burst produced, and they go out in one write instead of a system call per line
/// (the console sink flushes each line). The first line after a quiet spell goes out at once; under load a line
/// waits at most <see cref="Delay"/>; the host's shutdown flushes what is left.
/// </summary>
internal sealed class BatchedTextSink(Stream output, ITextFormatter formatter) : IBatchedLogEventSink, IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    private readonly StreamWriter writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);

    public async Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, writer);
        }

        await writer.FlushAsync();
    }

    public void Dispose() => writer.Dispose();
}

internal static class BatchedTextSinkExtensions
{
    /// <summary>Standard output in batches (see <see cref="BatchedTextSink"/>).</summary>
    public static LoggerConfiguration BatchedStandardOutput(this LoggerSinkConfiguration sinks, ITextFormatter formatter) =>
        sinks.Sink(
            new BatchedTextSink(Console.OpenStandardOutput(), formatter),
            new BatchingOptions
            {
                BatchSizeLimit = 1000,
                BufferingTimeLimit = BatchedTextSink.Delay,
                EagerlyEmitFirstEvent = true,
                // As the async console writer it replaces: beyond this many waiting lines, new ones are dropped, not queued
                // without bound.
                QueueLimit = 10_000,
            });
}
