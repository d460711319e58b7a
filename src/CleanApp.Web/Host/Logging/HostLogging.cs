using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace CleanApp.Web.Host.Logging;

/// <summary>Where the host's log lines go, and in which format (LOG_FORMAT), for each run mode.</summary>
internal static class HostLogging
{
    private static readonly ConfigurationReaderOptions ReaderOptions = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly, typeof(Serilog.Formatting.Compact.CompactJsonFormatter).Assembly);

    public static WebApplicationBuilder AddHostLogging(this WebApplicationBuilder builder, bool serving)
    {
        // LOG_FORMAT=json: one JSON object per line (with the trace and span ids of the request), for log collectors.
        var json = LogFormat.IsJson(builder.Configuration);
        builder.Services.AddSerilog((services, logger) =>
        {
            // The sinks a Serilog:WriteTo section may name are looked for in these assemblies only: without them the
            // reader parses the app's whole dependency manifest on every start (about a tenth of a cold start).
            logger.ReadFrom.Configuration(builder.Configuration, ReaderOptions).ReadFrom.Services(services).Enrich.FromLogContext();
            if (!json)
            {
                // The host gives every request a logging scope and an activity only for the properties and trace ids of
                // the lines logged during it; text lines show neither. (JSON lines do; OpenTelemetry starts its own.)
                logger.MinimumLevel.Override(LogFormat.HostRequestCategory, LevelAlias.Off);
            }

            if (!serving)
            {
                // A db command writes as it goes, to stderr: it keeps stdout for its own report.
                logger.WriteTo.Console(LogFormat.Formatter(json), standardErrorFromLevel: LogEventLevel.Verbose);
            }
            else if (Console.IsOutputRedirected)
            {
                // Serving to a container's or a service's log: lines go out in batches, one write per burst instead of one
                // per line (flushed when the host stops).
                logger.WriteTo.BatchedStandardOutput(LogFormat.Formatter(json));
            }
            else
            {
                // Serving to a terminal: requests hand their lines to a background writer instead of queueing on the
                // console's lock, and the console keeps its colours (flushed when the host stops).
                logger.WriteTo.Async(sink =>
                {
                    if (json)
                    {
                        sink.Console(LogFormat.Formatter(json));
                    }
                    else
                    {
                        sink.Console();
                    }
                });
            }
        },
            // Each host logs through its own logger, never a process-wide static one (tests run many hosts at once).
            preserveStaticLogger: true);
        CachedLoggerFactory.Decorate(builder.Services);
        return builder;
    }
}
