using System.Text;
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
        if (text.Length > 0 && (text[0] == '"' || text[0] == '\''))
        {
            var quote = text[0];
            var end = FindClosingQuote(text, quote);
            var rest = text[(end + 1)..].Trim();
            if (end < 0 || (rest.Length > 0 && !rest.StartsWith('#')))
            {
                throw new InvalidSettingException($"{source} line {number}", $"the quoted value {text} is not closed properly.", $"End it with {quote}.");
            }

            var inner = text[1..end];
            return quote == '\'' ? inner : Unescape(inner);
        }

        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? text[..comment] : text).Trim();
    }

    private static int FindClosingQuote(string text, char quote)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                result.Append(value[i] switch { 'n' => '\n', 't' => '\t', _ => value[i] });
            }
            else
            {
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }

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
        var firstEnvironment = configuration.Sources
            .Select((s, index) => (s, index))
            .FirstOrDefault(x => x.s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (firstEnvironment.s is null)
        {
            configuration.Add(source);
        }
        else
        {
            configuration.Sources.Insert(firstEnvironment.index, source);
        }

        return configuration;
    }
}
