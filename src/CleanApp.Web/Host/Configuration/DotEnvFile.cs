using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace CleanApp.Web.Host.Configuration;

/// <summary>
/// Reads a <c>.env</c> file: <c>KEY=value</c> lines, optional <c>export</c>, <c>#</c> comments, single quotes
/// (literal) and double quotes (with \n, \" and \\ escapes). <c>__</c> in a key separates sections, as in
/// environment variables.
/// </summary>
internal static partial class DotEnvFile
{
    public static IReadOnlyDictionary<string, string> Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllLines(path), path) : new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = Assignment().Match(line);
            if (!match.Success)
            {
                throw new InvalidSettingException(
                    $"{source} line {number}", $"'{raw}' is not a KEY=value line.", "Fix or remove the line (comments start with #).");
            }

            values[match.Groups["key"].Value] = Value(match.Groups["value"].Value, source, number);
        }

        return values;
    }

    private static string Value(string text, string source, int number)
    {
        if (text is not ['"' or '\'', ..])
        {
            var comment = text.IndexOf(" #", StringComparison.Ordinal);
            return (comment >= 0 ? text[..comment] : text).Trim();
        }

        var quoted = (text[0] == '"' ? DoubleQuoted() : SingleQuoted()).Match(text);
        if (!quoted.Success)
        {
            throw new InvalidSettingException($"{source} line {number}", $"the quoted value {text} is not closed properly.", $"End it with {text[0]}.");
        }

        var inner = quoted.Groups["inner"].Value;
        return text[0] == '\'' ? inner : Escape().Replace(inner, m => m.Groups[1].Value switch { "n" => "\n", "t" => "\t", var c => c });
    }

    [GeneratedRegex(@"^""(?<inner>(?:[^""\\]|\\.)*)""\s*(#.*)?$")]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"^'(?<inner>[^']*)'\s*(#.*)?$")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escape();

    [GeneratedRegex(@"^(export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(?<value>.*)$")]
    private static partial Regex Assignment();
}

internal static class DotEnvConfigurationExtensions
{
    /// <summary>
    /// Adds the .env values with a lower precedence than real environment variables and the command line,
    /// as pydantic-settings and docker compose do: a variable set in the environment wins over the file.
    /// </summary>
    public static IConfigurationBuilder AddDotEnv(this IConfigurationBuilder configuration, IReadOnlyDictionary<string, string> values)
    {
        var mapped = values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value));
        var source = new MemoryConfigurationSource { InitialData = mapped };
        var environment = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        configuration.Sources.Insert(environment < 0 ? configuration.Sources.Count : environment, source);
        return configuration;
    }
}
