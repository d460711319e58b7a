using CleanApp.Application.Common.Telemetry;

namespace CleanApp.Application.Auth;

/// <summary>
/// Wrong passwords, counted per account and per client (ADR 0017): the fifth wrong one from a client, each within
/// <see cref="LockFor"/> of the one before, stops that client from trying that account for <see cref="LockFor"/>; the
/// owner, from their own client, is not locked out by anyone else's guesses. An unknown address is counted exactly as
/// a known one, so the 429 tells nothing about who has an account. Sign-in, the password change and the email change
/// (which asks for the password) count here.
/// </summary>
internal sealed class PasswordGuesses(IThrottles throttles, TimeProvider timeProvider, AppTelemetry telemetry)
{
    public const int MaxFailures = 5;
    public const string LockedOut = "Too many wrong passwords from this client; try again later";
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(5);

    /// <summary>The client's wrong guesses at this account's password so far (the account: an email or a user id).</summary>
    public async Task<Guesses> ReadAsync(string account, SessionClient? client, CancellationToken cancellationToken)
    {
        var key = $"password:{account.Trim().ToUpperInvariant()}:{client?.Partition ?? client?.Address ?? "unknown"}";
        var count = await throttles.ReadAsync(key, cancellationToken);
        return new Guesses(key, count.Count > 0, Wait(count));
    }

    /// <summary>Counts a wrong password; answers how long to wait when this one locked the client out.</summary>
    public async Task<TimeSpan?> FailedAsync(Guesses guesses)
    {
        // Not the request's token: a client that hangs up does not get its wrong guess uncounted.
        var wait = Wait(await throttles.CountAsync(guesses.Key, LockFor, CancellationToken.None));
        if (wait is not null)
        {
            telemetry.Lockout();
        }

        return wait;
    }

    /// <summary>A right password: the client's earlier wrong ones are forgotten.</summary>
    public Task SucceededAsync(Guesses guesses, CancellationToken cancellationToken) =>
        guesses.Counted ? throttles.ClearAsync(guesses.Key, cancellationToken) : Task.CompletedTask;

    private TimeSpan? Wait(ThrottleCount count)
    {
        var left = count.Until - timeProvider.GetUtcNow();
        return count.Count >= MaxFailures && left > TimeSpan.Zero ? left : null;
    }
}

/// <summary>A client's wrong guesses at one account: its key, whether any are counted, and the wait when locked out.</summary>
internal readonly record struct Guesses(string Key, bool Counted, TimeSpan? Wait);
