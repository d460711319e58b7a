using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CleanApp.Web.FunctionalTests.Operations;

/// <summary>An OTLP/HTTP collector that keeps the bodies posted to it (protobuf: span names are readable in them).</summary>
public sealed class FakeOtlpCollector : IDisposable
{
    private readonly HttpListener listener = new();

    public FakeOtlpCollector()
    {
        Port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = ReceiveAsync();
    }

    public int Port { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();

    private async Task ReceiveAsync()
    {
        try
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }


    public void Dispose() => listener.Close();
}

/// <summary>What an in-memory exporter collects, safe to read while the exporter adds to it.</summary>
public sealed class ExportedCollection<T> : ICollection<T>
{
    private readonly List<T> items = [];

    public int Count => Snapshot().Count;

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (items)
        {
            items.Add(item);
        }
    }

    public void Clear()
    {
        lock (items)
        {
            items.Clear();
        }
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (items)
        {
            return items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private List<T> Snapshot()
    {
        lock (items)
        {
            return [.. items];
        }
    }
}

/// <summary>The app with OTLP export configured (to a fake collector), and in-memory exporters beside it.</summary>
public sealed class TelemetryFixture : ApiFixture
{
    public FakeOtlpCollector Collector { get; } = new();

    public ExportedCollection<Activity> Spans { get; } = new();

    public ExportedCollection<Metric> Metrics { get; } = new();

    protected override Dictionary<string, string?> Settings => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Collector.Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
    }
}

/// <summary>
/// Run alone: OpenTelemetry's meter provider listens to every meter named "CleanApp" in the process, and the many test
/// hosts running beside it each have one; when one of those hosts is disposed its instruments end, and the SDK drops the
/// metric stream they shared with this host's (a production process has one host, so one meter).
/// </summary>
[CollectionDefinition(nameof(TelemetryAlone), DisableParallelization = true)]
public sealed class TelemetryAlone;

[Collection(nameof(TelemetryAlone))]
public sealed class TelemetryTests(TelemetryFixture api) : ApiTest<TelemetryFixture>(api)
{
    [Fact]
    public async Task A_request_is_traced_with_its_mediator_message_and_its_sql_as_children()
    {
        var admin = await Api.AdminAsync();
        // The request continues a trace of the test's own (W3C traceparent), so its spans are told apart from those of
        // other tests' requests, which the same listeners see.
        var traceId = ActivityTraceId.CreateRandom();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/items");
        get.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(get, Token)).StatusCode);

        Activity? request = null;
        await Eventually.TrueAsync(
            () => (request = Api.Spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.TraceId == traceId)) is not null,
            "the request's server span");
        var trace = Api.Spans.Where(s => s.TraceId == request!.TraceId).ToList();
        var message = Assert.Single(trace, s => s.DisplayName == "ListItemsQuery");
        Assert.Equal(request!.SpanId, message.ParentSpanId);
        var sql = trace.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.Contains(sql, s => s.ParentSpanId == request.SpanId); // the token's user check, before the message
        Assert.Contains(sql, s => s.ParentSpanId == message.SpanId); // the page, inside it
    }

    [Fact]
    public async Task A_failed_sign_in_is_counted_by_outcome()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync(ApiFixture.AdminEmail, "a-wrong-password")).StatusCode);

        Api.Factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var failed = Api.Metrics.Where(m => m.Name == "cleanapp.sign_ins")
            .SelectMany(Points)
            .Where(p => p.Outcome == "failed")
            .Sum(p => p.Value);
        Assert.True(failed >= 1, "cleanapp.sign_ins{outcome=failed} counted the wrong password");
    }

    [Fact]
    public async Task A_dispatched_outbox_message_is_counted_and_the_backlog_is_reported()
    {
        await Api.CreateUserAsync("counted@example.com");

        Assert.Equal(HttpStatusCode.OK, (await Api.Client().Post("/api/v1/password-recovery/counted@example.com")).StatusCode);

        await Api.Mail.WaitForAsync(1);
        var meters = Api.Factory.Services.GetRequiredService<MeterProvider>();
        await Eventually.TrueAsync(
            () =>
            {
                meters.ForceFlush();
                return Api.Metrics.Where(m => m.Name == "cleanapp.outbox.messages").SelectMany(Points).Where(p => p.Outcome == "dispatched").Sum(p => p.Value) >= 1;
            },
            "cleanapp.outbox.messages{outcome=dispatched} to count the recovery mail");
        Assert.Contains(Api.Metrics, m => m.Name == "cleanapp.outbox.pending");
        Assert.Contains(Api.Metrics, m => m.Name == "cleanapp.outbox.oldest_pending_age");
    }

    [Fact]
    public async Task Traces_are_exported_over_otlp_http_to_the_configured_endpoint()
    {
        var admin = await Api.AdminAsync();
        await admin.Get("/api/v1/items");

        Api.Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        await Eventually.TrueAsync(
            () => Api.Collector.Received.Any(r => r.Path == "/v1/traces" && Encoding.UTF8.GetString(r.Body).Contains("ListItemsQuery", StringComparison.Ordinal)),
            "an OTLP/HTTP trace export carrying the ListItemsQuery span");
    }

    private static IEnumerable<(string? Outcome, long Value)> Points(Metric metric)
    {
        var points = new List<(string?, long)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            string? outcome = null;
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "outcome")
                {
                    outcome = tag.Value as string;
                }
            }

            points.Add((outcome, point.GetSumLong()));
        }

        return points;
    }
}
