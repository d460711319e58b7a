using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CleanApp.Application.Common.Telemetry;

/// <summary>
/// CleanApp's own traces and metrics, made with the base library's <see cref="ActivitySource"/> and <see cref="Meter"/>:
/// whether anything listens, and where it goes (OTLP), is the host's business. Without a listener a span costs a
/// null check and a counter next to nothing.
/// </summary>
public sealed class AppTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "CleanApp";

    /// <summary>Spans: one per mediator message (named after it), one per mail sent.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;
    private readonly Counter<long> signIns;
    private readonly Counter<long> lockouts;
    private readonly Counter<long> rateLimitRejections;
    private readonly Counter<long> itemsCreated;
    private readonly Counter<long> migrationsApplied;
    private readonly Counter<long> outboxOutcomes;
    private long outboxPending;
    private double outboxOldestPendingSeconds;

    public AppTelemetry(IMeterFactory? meterFactory = null)
    {
        meter = meterFactory?.Create(Name) ?? new Meter(Name);
        signIns = meter.CreateCounter<long>("cleanapp.sign_ins", "{sign-in}", "Sign-in attempts, by outcome (succeeded, failed, locked_out, inactive).");
        lockouts = meter.CreateCounter<long>("cleanapp.lockouts", "{lockout}", "Accounts locked after too many wrong passwords.");
        rateLimitRejections = meter.CreateCounter<long>("cleanapp.rate_limit.rejections", "{request}", "Requests refused by a rate limit, by policy.");
        itemsCreated = meter.CreateCounter<long>("cleanapp.items.created", "{item}", "Items created.");
        migrationsApplied = meter.CreateCounter<long>("cleanapp.migrations.applied", "{migration}", "Schema migrations applied.");
        outboxOutcomes = meter.CreateCounter<long>(
            "cleanapp.outbox.messages", "{message}", "Outbox messages handled, by outcome (dispatched, failed: to be retried, dead) and event type.");
        meter.CreateObservableGauge("cleanapp.outbox.pending", () => Interlocked.Read(ref outboxPending), "{message}", "Outbox messages waiting to be dispatched (as this instance last counted).");
        meter.CreateObservableGauge(
            "cleanapp.outbox.oldest_pending_age", () => Volatile.Read(ref outboxOldestPendingSeconds), "s", "How long the oldest pending outbox message has waited (as this instance last counted).");
    }

    public void SignIn(string outcome) => signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Lockout() => lockouts.Add(1);

    public void RateLimitRejected(string policy) => rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void CountCreatedItem() => itemsCreated.Add(1);

    public void MigrationsApplied(int count)
    {
        if (count > 0)
        {
            migrationsApplied.Add(count);
        }
    }

    public void OutboxMessage(string outcome, string eventType) =>
        outboxOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("event", eventType));

    public void OutboxBacklog(long pending, TimeSpan oldest)
    {
        Interlocked.Exchange(ref outboxPending, pending);
        Volatile.Write(ref outboxOldestPendingSeconds, oldest.TotalSeconds);
    }

    public void Dispose() => meter.Dispose();
}
