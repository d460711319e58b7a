namespace CleanApp.Infrastructure.Persistence.Idempotency;

/// <summary>
/// How long an idempotency key is kept: <c>IDEMPOTENCY_KEY_HOURS</c> (default 24, as Stripe's). A request holds its key
/// for <see cref="Lease"/> at most: far longer than any create takes; a retry after that runs again.
/// </summary>
public sealed record IdempotencySettings(TimeSpan Lifetime)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public static IdempotencySettings Read(SettingReader settings) =>
        new(TimeSpan.FromHours(settings.WholeNumber("IDEMPOTENCY_KEY_HOURS", 24, "hours")));
}
