using CleanApp.Application.Auth;

namespace CleanApp.Application.UnitTests.Common;

/// <summary>The throttles port as the provider modules keep it (tested on both databases there), in a dictionary, for handler tests.</summary>
internal sealed class InMemoryThrottles(TimeProvider? time = null) : IThrottles
{
    private readonly Dictionary<string, ThrottleCount> counts = [];
    private readonly TimeProvider timeProvider = time ?? TimeProvider.System;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    public Task<bool> TryStartCooldownAsync(string key, TimeSpan period, CancellationToken cancellationToken)
    {
        if (counts.TryGetValue(key, out var running) && running.Until > Now)
        {
            return Task.FromResult(false);
        }

        counts[key] = new ThrottleCount(1, Now + period);
        return Task.FromResult(true);
    }

    public Task<ThrottleCount> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(counts.TryGetValue(key, out var count) && count.Until > Now ? count : default);

    public Task<ThrottleCount> CountAsync(string key, TimeSpan lapseAfter, CancellationToken cancellationToken)
    {
        var hits = counts.TryGetValue(key, out var count) && count.Until > Now ? count.Count + 1 : 1;
        counts[key] = new ThrottleCount(hits, Now + lapseAfter);
        return Task.FromResult(counts[key]);
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        counts.Remove(key);
        return Task.CompletedTask;
    }
}
