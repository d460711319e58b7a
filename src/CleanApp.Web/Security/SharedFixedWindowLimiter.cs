using System.Threading.RateLimiting;

namespace CleanApp.Web.Security;

/// <summary>
/// A fixed-window limit for one client, counted in the store every instance shares (<see cref="ISharedRateLimitCounter"/>):
/// N instances give a client one budget, not N. Each request costs one round trip to the store; when the store
/// cannot be reached the request is let through (the counter says so in the log).
/// </summary>
internal sealed class SharedFixedWindowLimiter(
    string partition, int permitLimit, TimeSpan window, ISharedRateLimitCounter counter, TimeProvider timeProvider) : RateLimiter
{
    // Nothing is held in memory between requests: the partitioned limiter may drop this one whenever it likes.
    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    // Deciding needs the store: the synchronous attempt never grants, so the middleware asks asynchronously.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var count = await counter.IncrementAsync(partition, windowStart, cancellationToken);
        return count is null || count <= permitLimit ? Lease.Granted : new Lease(false, windowStart + window - now);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease NotYet = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
