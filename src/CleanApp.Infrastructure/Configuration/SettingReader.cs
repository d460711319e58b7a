using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Configuration;

namespace CleanApp.Infrastructure.Configuration;

/// <summary>
/// The one way a setting is read. Settings are flat keys (from appsettings.json, .env or the environment); a blank
/// value counts as unset and gets the default; a malformed value is an <see cref="InvalidSettingException"/> that
/// names the key, what is wrong and how to fix it.
/// </summary>
public readonly struct SettingReader(IConfiguration configuration)
{
    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public string? Text(string key) => configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string Text(string key, string fallback) => Text(key) ?? fallback;

    /// <summary>A secret exactly as given (spaces are part of a password), or null when unset or blank.</summary>
    public string? Secret(string key) => configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>A whole number from <paramref name="min"/> up, counting <paramref name="unit"/>.</summary>
    public int WholeNumber(string key, int fallback, string unit, int min = 1)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new InvalidSettingException(key, $"'{text}' is not a number of {unit}.", $"Set it to a whole number of at least {min}, e.g. {fallback}.");
    }

    /// <summary>A TCP port, 1 to 65535.</summary>
    public int Port(string key, int fallback, string example)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new InvalidSettingException(key, $"'{text}' is not a TCP port.", $"Set it to a number between 1 and 65535 ({example}).");
    }

    /// <summary>true/false (also 1/0, yes/no), any case.</summary>
    public bool Flag(string key, bool fallback) =>
        Text(key)?.ToUpperInvariant() switch
        {
            null => fallback,
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => throw new InvalidSettingException(key, $"'{Text(key)}' is not a boolean.", "Set it to true or false."),
        };

    /// <summary>One of a few names (any case), or the fallback when unset.</summary>
    public T Choice<T>(string key, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        return choices.TryGetValue(text.ToUpperInvariant(), out var value)
            ? value
            : throw new InvalidSettingException(
                key, $"'{text}' is not one of the supported values.", $"Set it to {string.Join(" or ", choices.Keys.Select(k => $"'{k.ToLowerInvariant()}'"))}.");
    }

    /// <summary>An absolute http(s) address.</summary>
    public Uri HttpUrl(string key, string fallback, string purpose) => ParseHttpUrl(key, Text(key) ?? fallback, purpose);

    /// <summary>Comma-separated absolute http(s) addresses; none when unset.</summary>
    public IReadOnlyList<Uri> HttpUrls(string key, string purpose) =>
        (Text(key) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => ParseHttpUrl(key, url, purpose))
            .ToList();

    /// <summary>A plain email address (no display name).</summary>
    public string Email(string key, string fallback)
    {
        var text = Text(key) ?? fallback;
        return MailAddress.TryCreate(text, out var address) && address.Address == text && address.DisplayName.Length == 0
            ? text
            : throw new InvalidSettingException(key, $"'{text}' is not an email address.", "Set it to a plain address, e.g. admin@example.com.");
    }

    private static Uri ParseHttpUrl(string key, string text, string purpose) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidSettingException(key, $"'{text}' is not an http(s) address.", $"Set it to {purpose}.");
}
