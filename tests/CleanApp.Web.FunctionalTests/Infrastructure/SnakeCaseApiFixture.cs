using System.Text.Json;
using System.Text.RegularExpressions;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>The API in its snake_case profile (API_JSON_NAMING=snake_case): the FastAPI template's wire format.</summary>
public sealed class SnakeCaseApiFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["API_JSON_NAMING"] = "snake_case" };

    public override string Wire(string text) => WireNames.ToSnakeCase(text);
}

/// <summary>Rewrites a request written in camelCase (JSON keys, query names) as the snake_case profile spells it.</summary>
public static partial class WireNames
{
    public static string ToSnakeCase(string text) =>
        JsonKey().Replace(QueryName().Replace(text, m => m.Groups[1].Value + Snake(m.Groups[2].Value) + "="), m => $"\"{Snake(m.Groups[1].Value)}\"{m.Groups[2].Value}");

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9]*)\"(\\s*:)")]
    private static partial Regex JsonKey();

    [GeneratedRegex("([?&])([A-Za-z][A-Za-z0-9]*)=")]
    private static partial Regex QueryName();
}
