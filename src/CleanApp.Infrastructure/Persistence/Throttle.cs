using System.Security.Cryptography;
using System.Text;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// A cooldown or a count of failures, by key, until a point in time (UTC ticks, comparable as a number on both
/// providers): written only by the provider modules' throttles (<c>IThrottles</c>), one statement a call; ended ones
/// are deleted by <see cref="ExpiredRows"/>.
/// </summary>
internal sealed class Throttle
{
    public const int KeyMaxLength = 200;

    public required string Key { get; init; }

    public int Hits { get; init; }

    public long UntilTicks { get; init; }

    /// <summary>The key as stored: as given when short enough, else its SHA-256 (an address of any length stays one key).</summary>
    public static string Stored(string key) => key.Length <= KeyMaxLength
        ? key
        : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
