using System.Net.Http.Json;
using System.Text.Json;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>Small helpers for reading API answers.</summary>
internal static class Http
{
    /// <summary>The API's wire format (camelCase), for reading answers typed.</summary>
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Uri Url(string path) => new(path, UriKind.Relative);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} with a body that is not JSON: {text}", e);
        }
    }

    /// <summary>The JSON answer as <typeparamref name="T"/>, checking it is a success (the body is in the message if not).</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Expected a success, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<T>(Web, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"{(int)response.StatusCode} with a null body.");
    }

    public static async Task<T> ReadAsync<T>(this Task<HttpResponseMessage> response) => await (await response).ReadAsync<T>();

    /// <summary>The JSON body without the per-request trace id, for comparing two answers.</summary>
    public static async Task<string> BodyWithoutTraceIdAsync(this HttpResponseMessage response)
    {
        var body = await response.JsonAsync();
        return JsonSerializer.Serialize(body.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
    }

    /// <summary>The problem details of an error answer, checking it is one (RFC 9457).</summary>
    public static async Task<Problem> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        var errors = body.TryGetProperty("errors", out var map)
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray())
            : [];
        return new Problem(
            body.GetProperty("status").GetInt32(),
            body.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
            errors);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> Get(this HttpClient client, string path) => client.GetAsync(Url(path), Token);

    public static Task<HttpResponseMessage> Delete(this HttpClient client, string path) => client.DeleteAsync(Url(path), Token);

    public static Task<HttpResponseMessage> Post(this HttpClient client, string path) => client.PostAsync(Url(path), null, Token);

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, object body) =>
        client.PostAsync(Url(path), JsonContent.Create(body), Token);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string path, object body) =>
        client.PutAsync(Url(path), JsonContent.Create(body), Token);

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string path, object body) =>
        client.PatchAsync(Url(path), JsonContent.Create(body), Token);

    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json") =>
        client.SendAsync(
            new HttpRequestMessage(method, Url(path)) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, contentType) },
            Token);
}

internal sealed record Problem(int Status, string? Detail, Dictionary<string, string[]> Errors);
