using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Fuzz;

/// <summary>
/// Requests generated from the committed OpenAPI document for every route: a valid one, then mutations of it (wrong
/// types, missing required fields, extra properties, boundary lengths, odd unicode, malformed bodies, paths and
/// queries). Whatever comes in, nothing answers 5xx, every refusal is problem details, and no unknown property is
/// silently dropped (camelCase) or ever stored and answered (snake_case, which ignores it as the FastAPI template does).
/// </summary>
public sealed class HostileInputTests(ApiFixture api) : HostileInput<ApiFixture>(api);

/// <summary>The same, generated from the snake_case profile's document (its paths, names and login form), on that profile.</summary>
public sealed class SnakeCaseHostileInputTests(SnakeCaseApiFixture api) : HostileInput<SnakeCaseApiFixture>(api);

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "xUnit reads theory data from static members.")]
public abstract class HostileInput<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    // Per fixture type (a static of a generic class): its profile's committed document.
    private static readonly JsonElement Document = JsonDocument.Parse(File.ReadAllText(Path.Combine(
        RepositoryPaths.Root, "src", "CleanApp.Web", typeof(TFixture) == typeof(SnakeCaseApiFixture) ? "openapi_snake_case.json" : "openapi.json"))).RootElement;

    /// <summary>Strings no field expects: control characters, a lone surrogate, right-to-left marks, astral letters, line breaks.</summary>
    private static readonly string[] OddStrings = ["\u0000", LoneSurrogate, "\u202e\u0645\u0631\u062d\u0628\u0627", "\ud835\udd4f\ud83d\ude00", "a\r\nb", "<script>", "'; DROP TABLE items; --"];

    /// <summary>Stands for the JSON escape of a lone high surrogate, which no .NET string can be written from.</summary>
    private const string LoneSurrogate = "lone-surrogate";

    private static readonly string[] HostileSegments =
        // (A NUL in the path is refused by the server before the app sees it; the in-memory server throws on it.)
        ["not-a-uuid", "00000000-0000-0000-0000-000000000000", new string('9', 2000), "%C3%28", "%E2%80%AE", "%F0%9F%98%80", ".."];

    private static readonly string[] HostileHeaderValues =
        ["", " ", "*", "\"", "W/", "\"1\", garbage", "W/\"1\"", "\"-1\"", "\"2147483648\"", "\"1\"\"2\"", new string('"', 300), "\"" + new string('9', 300) + "\"", new string('k', 256), "null", "%00"];

    private static readonly string[] HostileQueryValues = ["-1", "0", "2147483648", "abc", "1e3", "", "%00", "!!!", new string('7', 3000)];

    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                data.Add(operation.Name.ToUpperInvariant(), path.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task No_generated_request_gets_a_5xx_every_refusal_is_a_problem_and_no_unknown_property_is_dropped(string method, string path)
    {
        var operation = Document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
        var caller = await NewCallerAsync();
        var requests = Generate(operation, path, caller.ValidIds).ToList();
        var failures = new List<string>();

        foreach (var (label, target, body, headers) in requests)
        {
            foreach (var client in new[] { caller.Client, Api.Client() })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), target) { Content = body?.Invoke() };
                foreach (var (name, value) in headers ?? [])
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                var response = await client.SendAsync(request, Token);
                var status = (int)response.StatusCode;
                var who = client == caller.Client ? "superuser" : "anonymous";
                if (status >= 500)
                {
                    failures.Add($"{who} {label}: {status} {await response.Content.ReadAsStringAsync(Token)}");
                }
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !RefusesJson(headers))
                {
                    failures.Add($"{who} {label}: {status} without problem details ({response.Content.Headers.ContentType})");
                }
                else if (label.StartsWith("extra property", StringComparison.Ordinal) && !Api.RefusesUnknownProperties)
                {
                    // The snake_case profile ignores it, as the FastAPI template does: never stored, so never answered.
                    if ((await response.Content.ReadAsStringAsync(Token)).Contains("unexpectedField", StringComparison.Ordinal))
                    {
                        failures.Add($"{who} {label}: {status}, the unknown property came back in the answer");
                    }
                }
                else if (label.StartsWith("extra property", StringComparison.Ordinal) && who == "superuser" && status < 400)
                {
                    failures.Add($"{who} {label}: {status}, the unknown property was dropped silently");
                }
                else if (label.StartsWith("extra property", StringComparison.Ordinal) && status == 400
                         && await response.Content.ReadAsStringAsync(Token) is var refusal
                         && !refusal.Contains("Unknown property 'unexpectedField'", StringComparison.Ordinal))
                {
                    failures.Add($"{who} {label}: 400 not naming the unknown property: {refusal}");
                }
            }
        }

        Assert.True(requests.Count > 1, "the route has at least one mutation");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count * 2} requests to {method} {path} failed:\n{string.Join('\n', failures.Take(20))}");
    }

    /// <summary>A client that accepts no JSON gets the status code and an empty body (or the server's plain text), not a 406.</summary>
    private static bool RefusesJson(Dictionary<string, string>? headers) =>
        headers?.TryGetValue("Accept", out var accept) == true && accept == "application/xml";

    private sealed record Caller(HttpClient Client, Dictionary<string, string> ValidIds);

    /// <summary>A fresh superuser for each route (a route may change the caller's password or remove the caller), an item and another user to point ids at.</summary>
    private async Task<Caller> NewCallerAsync()
    {
        var email = $"fuzz-{Guid.NewGuid():N}@example.com";
        await Api.CreateUserAsync(email, "fuzz-password-1", isSuperuser: true);
        var client = await Api.SignedInAsync(email, "fuzz-password-1");
        var item = await (await client.PostJson("/api/v1/items", new { title = "target" })).JsonAsync();
        var other = await Api.CreateUserAsync($"other-{Guid.NewGuid():N}@example.com");
        return new Caller(client, new()
        {
            ["/api/v1/items"] = item.GetProperty("id").GetString()!,
            ["/api/v1/users"] = other.Id.ToString(),
            ["email"] = email,
        });
    }

    private static IEnumerable<(string Label, Uri Target, Func<HttpContent>? Body, Dictionary<string, string>? Headers)> Generate(JsonElement operation, string path, Dictionary<string, string> ids)
    {
        var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        var pathValues = parameters.Where(p => p.GetProperty("in").GetString() == "path")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => ValidPathValue(p, path, ids));
        var queryNames = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
        // A valid request leaves out the optional cursor (a valid one comes from a previous page).
        var query = parameters.Where(p => p.GetProperty("in").GetString() == "query" && p.GetProperty("name").GetString() != "cursor")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => ValidScalar(p.GetProperty("schema"), p.GetProperty("name").GetString()!));
        var content = operation.TryGetProperty("requestBody", out var requestBody) ? requestBody.GetProperty("content") : default;
        var json = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("application/json", out var j) ? Resolve(j.GetProperty("schema")) : (JsonElement?)null;
        var form = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("application/x-www-form-urlencoded", out var f) ? Resolve(f.GetProperty("schema")) : (JsonElement?)null;

        Uri Target(Dictionary<string, string>? paths = null, Dictionary<string, string>? queries = null)
        {
            var resolved = (paths ?? pathValues).Aggregate(path, (p, kv) => p.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));
            var q = queries ?? query;
            return new Uri(resolved + (q.Count == 0 ? "" : "?" + string.Join('&', q.Select(kv => $"{kv.Key}={kv.Value}"))), UriKind.Relative);
        }

        JsonObject ValidBody() => json is { } schema ? ValidObject(schema) : [];
        Func<HttpContent> Json(string text) => () => new StringContent(text, Encoding.UTF8, "application/json");
        Func<HttpContent>? validBody = json is null
            ? form is { } formSchema ? () => new FormUrlEncodedContent(ValidForm(formSchema, ids)) : null
            : Json(ValidBody().ToJsonString());

        yield return ("valid", Target(), validBody, null);

        // Headers any route gets: credentials that are not a token, a token of garbage or of any size, odd accept and
        // content types.
        foreach (var (name, value) in new[]
                 {
                     ("Authorization", "Bearer garbage"), ("Authorization", "Bearer " + new string('a', 6000)), ("Authorization", "Basic dXNlcjpwYXNz"),
                     ("Authorization", "Bearer"), ("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."), ("Accept", "application/xml"),
                     ("Accept", "*/*;q=abc"), ("X-Forwarded-For", "not-an-address"), ("Origin", "http://evil.example"),
                 })
        {
            yield return ($"header {name}: {Short(value)}", Target(), validBody, new() { [name] = value });
        }

        foreach (var name in pathValues.Keys)
        {
            foreach (var segment in HostileSegments)
            {
                yield return ($"path {name}={Short(segment)}", Target(new(pathValues) { [name] = segment }), validBody, null);
            }
        }

        foreach (var name in queryNames)
        {
            foreach (var value in HostileQueryValues)
            {
                yield return ($"query {name}={Short(value)}", Target(queries: new(query) { [name] = value }), validBody, null);
            }

            yield return ($"query {name} missing", Target(queries: query.Where(kv => kv.Key != name).ToDictionary()), validBody, null);
        }

        // The header parameters the document names (If-Match, If-None-Match, Idempotency-Key): each with values no
        // client should send.
        foreach (var name in parameters.Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()!))
        {
            foreach (var value in HostileHeaderValues)
            {
                yield return ($"header {name}: {Short(value)}", Target(), validBody, new() { [name] = value });
            }
        }

        if (json is { } bodySchema)
        {
            var required = Required(bodySchema);
            foreach (var (property, _) in Properties(bodySchema))
            {
                foreach (var (kind, value) in WrongValues())
                {
                    var body = ValidBody();
                    body[property] = value?.DeepClone();
                    yield return ($"{property} as {kind}", Target(), Json(body.ToJsonString()), null);
                }

                foreach (var odd in OddStrings)
                {
                    var body = ValidBody();
                    body[property] = "__odd__";
                    yield return ($"{property} odd unicode {Short(odd)}", Target(), Json(body.ToJsonString().Replace("\"__odd__\"", JsonLiteral(odd), StringComparison.Ordinal)), null);
                }

                if (required.Contains(property))
                {
                    var body = ValidBody();
                    body.Remove(property);
                    yield return ($"required {property} missing", Target(), Json(body.ToJsonString()), null);
                }
            }

            var extra = ValidBody();
            extra["unexpectedField"] = 1;
            yield return ("extra property", Target(), Json(extra.ToJsonString()), null);
            var first = Properties(bodySchema).First().Name;
            yield return ("duplicate property", Target(), Json(ValidBody().ToJsonString().Replace("{", $"{{\"{first}\":\"dup\",", StringComparison.Ordinal)), null);
        }

        if (json is not null || form is not null)
        {
            var contentType = json is not null ? "application/json" : "application/x-www-form-urlencoded";
            foreach (var (label, bytes) in MalformedBodies())
            {
                yield return ($"body {label}", Target(), () => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, null);
            }
        }

        if (form is { } fields)
        {
            foreach (var (field, _) in Properties(fields))
            {
                foreach (var value in OddStrings.Append(new string('x', 10_000)).Append(""))
                {
                    var values = ValidForm(fields, ids);
                    values[field] = value;
                    yield return ($"form {field}={Short(value)}", Target(), () => new FormUrlEncodedContent(values), null);
                }

                var missing = ValidForm(fields, ids);
                missing.Remove(field);
                yield return ($"form {field} missing", Target(), () => new FormUrlEncodedContent(missing), null);
            }
        }
    }

    private static IEnumerable<(string Kind, JsonNode? Value)> WrongValues() =>
    [
        ("number", 123), ("negative number", -1), ("huge number", JsonNode.Parse("1e400")), ("boolean", true), ("object", new JsonObject()),
        ("array", new JsonArray("a")), ("null", null), ("empty string", ""), ("255 chars", new string('a', 255)),
        ("256 chars", new string('a', 256)), ("10000 chars", new string('a', 10_000)), ("whitespace", "   "),
    ];

    private static IEnumerable<(string Label, byte[] Bytes)> MalformedBodies() =>
    [
        ("empty", []), ("null", "null"u8.ToArray()), ("array", "[]"u8.ToArray()), ("string", "\"text\""u8.ToArray()),
        ("truncated", "{\"a\":"u8.ToArray()), ("invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        ("deep objects", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100))),
        ("BOM and garbage", [0xEF, 0xBB, 0xBF, 0xFF, 0xFE]),
    ];

    private static string ValidPathValue(JsonElement parameter, string path, Dictionary<string, string> ids)
    {
        var name = parameter.GetProperty("name").GetString()!;
        if (name == "email")
        {
            return ids["email"];
        }

        return ids.FirstOrDefault(kv => path.StartsWith(kv.Key, StringComparison.Ordinal)).Value ?? Guid.NewGuid().ToString();
    }

    private static string ValidScalar(JsonElement schema, string name) => TypeOf(schema) switch
    {
        "integer" => name == "limit" ? "10" : "0",
        "boolean" => "true",
        _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => "someone@example.com",
        _ => "text",
    };

    private static JsonObject ValidObject(JsonElement schema)
    {
        var body = new JsonObject();
        foreach (var (name, property) in Properties(schema))
        {
            body[name] = TypeOf(property) switch
            {
                "boolean" => false,
                "integer" or "number" => 1,
                "array" => new JsonArray(), // a role's permissions, a user's roles: none is valid
                _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => $"new-{Guid.NewGuid():N}@example.com",
                _ when name.Contains("password", StringComparison.OrdinalIgnoreCase) => name == "currentPassword" ? "fuzz-password-1" : "another-password-1",
                _ when name == "token" => "not-a-real-token",
                _ => "valid text",
            };
        }

        return body;
    }

    private static Dictionary<string, string> ValidForm(JsonElement schema, Dictionary<string, string> ids) =>
        Properties(schema).ToDictionary(p => p.Name, p => p.Name == "username" ? ids["email"] : "fuzz-password-1");

    private static IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema)
    {
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                yield return (property.Name, property.Value);
            }
        }

        if (schema.TryGetProperty("allOf", out var parts))
        {
            foreach (var part in parts.EnumerateArray().SelectMany(p => Properties(Resolve(p))))
            {
                yield return part;
            }
        }
    }

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];

    private static JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return "string";
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).First(t => t != "null")
            : type.GetString()!;
    }

    private static string JsonLiteral(string value) => value == LoneSurrogate ? "\"\\ud800\"" : JsonSerializer.Serialize(value);

    private static string Short(string value) => value.Length > 12 ? $"{value[..8]}…({value.Length})" : value;
}
