using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace CleanApp.Web.Host.Logging;

/// <summary><c>LOG_FORMAT</c>: <c>text</c> (default: the console's line format) or <c>json</c> (one object per line, with <c>@tr</c>/<c>@sp</c>, the trace and span ids).</summary>
internal static class LogFormat
{
    /// <summary>The console sink's own line format, so writing in batches changes nothing a reader sees.</summary>
    public const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The host's per-request category: "Request starting/finished" lines (the request log replaces them), and, while
    /// it is enabled, a logging scope and an activity for every request.
    /// </summary>
    public const string HostRequestCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly Dictionary<string, bool> Formats = new() { ["TEXT"] = false, ["JSON"] = true };

    public static bool IsJson(IConfiguration configuration) => new SettingReader(configuration).Choice("LOG_FORMAT", false, Formats);

    public static ITextFormatter Formatter(bool json) =>
        json ? new RenderedCompactJsonFormatter() : new MessageTemplateTextFormatter(TextTemplate);
}
