using System.Text.Json;
using System.Text.RegularExpressions;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>The API in its snake_case profile (API_JSON_NAMING=snake_case): the FastAPI template's wire format.</summary>
public sealed class SnakeCaseApiFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["API_JSON_NAMING"] = "snake_case" };

    public override string Wire(string text) => WireNames.ToSnakeCase(text);

    /// <summary>The FastAPI template's: its create routes declare no status code.</summary>
    public override int CreatedStatus => 200;

    /// <summary>FastAPI's: 422 for a request its models refuse.</summary>
    public override int InvalidInputStatus => 422;

    /// <summary>Ignored, as pydantic ignores them by default.</summary>
    public override bool RefusesUnknownProperties => false;
}

/// <summary>Rewrites a request written in camelCase (JSON keys, query names) as the snake_case profile spells it.</summary>
public static partial class WireNames
{
    public static string ToSnakeCase(string text) =>
        JsonKey().Replace(QueryName().Replace(text, m => m.Groups[1].Value + Snake(m.Groups[2].Value) + "="), m => $"\"{Snake(m.Groups[1].Value)}\"{m.Groups[2].Value}");

    /// <summary>The other way: a body written in snake_case, spelt as the camelCase default spells it.</summary>
    public static string ToCamelCase(string text) =>
        JsonKey().Replace(text, m => $"\"{Camel(m.Groups[1].Value)}\"{m.Groups[2].Value}");

    private static string Camel(string name) =>
        string.Concat(name.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9_]*)\"(\\s*:)")]
    private static partial Regex JsonKey();

    [GeneratedRegex("([?&])([A-Za-z][A-Za-z0-9]*)=")]
    private static partial Regex QueryName();
}
