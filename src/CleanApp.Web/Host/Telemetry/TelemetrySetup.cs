using CleanApp.Application.Common.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanApp.Web.Host.Telemetry;

/// <summary>
/// OpenTelemetry, exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other
/// standard <c>OTEL_*</c> variables: <c>_PROTOCOL</c>, <c>_HEADERS</c>, <c>OTEL_SERVICE_NAME</c>, ...). Unset, nothing is
/// collected, so nothing costs anything.
/// Traces: incoming requests (not the health probes), each mediator message, SQL (Npgsql), mail (SMTP).
/// Metrics: ASP.NET Core, the runtime, the Npgsql pool, and CleanApp's own (<see cref="AppTelemetry"/>).
/// </summary>
internal static class TelemetrySetup
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new SettingReader(configuration);
        if (settings.Text(EndpointSetting) is null)
        {
            return services;
        }

        settings.HttpUrl(EndpointSetting, string.Empty, "the OTLP collector's address, e.g. http://localhost:4318 (http/protobuf) or http://localhost:4317 (grpc)");
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.Text("OTEL_SERVICE_NAME", "cleanapp")))
            .WithTracing(tracing => tracing
                .AddSource(AppTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(AppTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
