namespace CleanApp.Application.Auth;

/// <summary>
/// Counters with an end, by key, kept where every instance sees them (the database): a cooldown (at most one of
/// something per period) and a count of failures (so many wrong guesses, then a wait). Each call is one atomic
/// statement, so two instances never both start one cooldown. Ended ones are deleted now and then.
/// </summary>
public interface IThrottles
{
    /// <summary>Starts a cooldown of <paramref name="period"/> under <paramref name="key"/> and answers true, unless one is running (false).</summary>
    Task<bool> TryStartCooldownAsync(string key, TimeSpan period, CancellationToken cancellationToken);

    /// <summary>The failures counted under the key that have not lapsed (a count of 0 when none).</summary>
    Task<ThrottleCount> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Counts one more failure; the count lapses <paramref name="lapseAfter"/> after this one. Answers the new count.</summary>
    Task<ThrottleCount> CountAsync(string key, TimeSpan lapseAfter, CancellationToken cancellationToken);

    /// <summary>Forgets the key's count.</summary>
    Task ClearAsync(string key, CancellationToken cancellationToken);
}

/// <summary>How many failures were counted, and until when the count holds.</summary>
public readonly record struct ThrottleCount(int Count, DateTimeOffset Until);
