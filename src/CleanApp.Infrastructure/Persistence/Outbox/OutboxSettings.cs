namespace CleanApp.Infrastructure.Persistence.Outbox;

/// <summary>
/// How the outbox retries and keeps messages: <c>OUTBOX_MAX_ATTEMPTS</c> (default 10) attempts per message, the first
/// retry after <c>OUTBOX_FIRST_RETRY_MS</c> (default 2000) and each next one twice as late (at most 5 minutes apart:
/// ten attempts span about 20 minutes), then the message is dead, kept with its last error; dispatched messages are
/// deleted after <c>OUTBOX_RETENTION_HOURS</c> (default 168, a week). An instance holds a message it claimed for
/// <c>OUTBOX_LEASE_SECONDS</c> (default 120): longer than any handler takes; if the instance dies, another takes the
/// message when the lease ends.
/// </summary>
public sealed record OutboxSettings(int MaxAttempts, TimeSpan FirstRetry, TimeSpan Retention, TimeSpan Lease)
{
    public static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    public static OutboxSettings Read(SettingReader settings) => new(
        settings.WholeNumber("OUTBOX_MAX_ATTEMPTS", 10, "attempts"),
        TimeSpan.FromMilliseconds(settings.WholeNumber("OUTBOX_FIRST_RETRY_MS", 2000, "milliseconds")),
        TimeSpan.FromHours(settings.WholeNumber("OUTBOX_RETENTION_HOURS", 168, "hours")),
        TimeSpan.FromSeconds(settings.WholeNumber("OUTBOX_LEASE_SECONDS", 120, "seconds")));

    /// <summary>When a message that failed its <paramref name="attempt"/>th attempt is tried again.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return delay < LongestRetry ? delay : LongestRetry;
    }
}
