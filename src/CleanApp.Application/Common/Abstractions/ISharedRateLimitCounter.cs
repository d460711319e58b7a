namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// Counts requests per client and fixed window in a store every instance shares, so a client's budget is one budget
/// however many instances serve it (ADR 0010).
/// </summary>
public interface ISharedRateLimitCounter
{
    /// <summary>
    /// Counts one more request of <paramref name="partition"/> in the window starting at <paramref name="windowStart"/>
    /// and returns the window's count so far; null when the store cannot be reached (the caller lets the request through:
    /// an outage of the counter must not lock everybody out, and the request meets the database's own 503 anyway).
    /// </summary>
    ValueTask<long?> IncrementAsync(string partition, DateTimeOffset windowStart, CancellationToken cancellationToken);
}

/// <summary>Where rate limits are counted: <see cref="Shared"/> by every instance, or (null) in this process's memory.</summary>
public sealed record RateLimitStore(ISharedRateLimitCounter? Shared);
