using System.Text;
using System.Text.RegularExpressions;

namespace CleanApp.Web.Json;

/// <summary>
/// What was wrong with a JSON body, for the client: System.Text.Json's own messages name .NET types, so the client
/// gets the JSON path and the problem in its own terms instead.
/// </summary>
internal static partial class JsonErrors
{
    /// <summary>How deep a body may nest; the API's bodies are flat objects.</summary>
    public const int MaxDepth = 16;

    public static string Describe(JsonException exception)
    {
        var at = exception.Path is { Length: > 0 } path ? path : "$";
        var message = exception.Message;
        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            return $"Unknown property '{unmapped.Groups["name"].Value}': this route does not accept it (check its spelling against the API document).";
        }

        if (DuplicateProperty().Match(message) is { Success: true } duplicate)
        {
            return $"Property '{duplicate.Groups["name"].Value}' is given more than once.";
        }

        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return $"The value at {at} has the wrong type for this field.";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The JSON is nested deeper than {MaxDepth} levels.";
        }

        if (exception.InnerException is DecoderFallbackException || message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return "The body is not valid UTF-8.";
        }

        return $"The body is not valid JSON for this route (at {at}).";
    }

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("[Dd]uplicate property '(?<name>[^']*)'")]
    private static partial Regex DuplicateProperty();
}
