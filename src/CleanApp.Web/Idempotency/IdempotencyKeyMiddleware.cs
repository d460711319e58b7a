using System.Security.Cryptography;
using System.Text;
using CleanApp.Web.Endpoints;
using CleanApp.Web.Errors;

namespace CleanApp.Web.Idempotency;

/// <summary>
/// Idempotency keys on the routes that create (<see cref="CreateRoutes.CreatesResource"/>) and any other POST that
/// opts in (<see cref="IdempotentRoutes.AcceptsIdempotencyKey"/>), after the IETF draft "The
/// Idempotency-Key HTTP Header Field" and Stripe's behaviour: a POST with an <c>Idempotency-Key</c> header claims the
/// key for its caller (the user; an anonymous request: its client address) and the request (method, path, body); its
/// successful answer (status, Content-Type, Location, ETag, body) is kept. A retry with the same key and request gets
/// that answer again with <c>Idempotent-Replayed: true</c>, without running the use case; the same key with another
/// request is refused (422); a retry while the first still runs gets 409 with Retry-After (it does not wait). A failed
/// request keeps nothing: its retry runs again. Requests without the header pass straight through.
/// </summary>
internal sealed class IdempotencyKeyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || !http.Request.Headers.TryGetValue(Header, out var values)
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotentRoute>() is null)
        {
            await next(http);
            return;
        }

        var request = new IdempotentRequest(Scope(http), ReadKey(values), await FingerprintAsync(http.Request));
        var keys = http.RequestServices.GetRequiredService<IIdempotencyKeys>();
        var claim = await keys.ClaimAsync(request, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Answered:
                await ReplayAsync(http, claim.Answer!);
                return;
            case IdempotencyOutcome.InProgress:
                throw new HttpProblemException(
                    StatusCodes.Status409Conflict, "Conflict",
                    "A request with this Idempotency-Key is still in progress. Retry shortly to get its answer.", TimeSpan.FromSeconds(1));
            case IdempotencyOutcome.Mismatch:
                throw new HttpProblemException(
                    StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request (method, path or body). Use a new key for a new request.");
        }

        await RunAndKeepAsync(http, keys, request);
    }

    private async Task RunAndKeepAsync(HttpContext http, IIdempotencyKeys keys, IdempotentRequest request)
    {
        var response = http.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            response.Body = body;
            await keys.ReleaseAsync(request, CancellationToken.None);
            throw;
        }

        response.Body = body;
        // Kept whatever the client does now: it is the answer to any retry.
        if (response.StatusCode is >= 200 and < 300)
        {
            var headers = response.Headers;
            await keys.CompleteAsync(
                request,
                new StoredAnswer(response.StatusCode, response.ContentType, NullIfEmpty(headers.Location), NullIfEmpty(headers.ETag), buffer.ToArray()),
                CancellationToken.None);
        }
        else
        {
            await keys.ReleaseAsync(request, CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(body, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, StoredAnswer answer)
    {
        var response = http.Response;
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        if (answer.Location is not null)
        {
            response.Headers.Location = answer.Location;
        }

        if (answer.ETag is not null)
        {
            response.Headers.ETag = answer.ETag;
        }

        response.Headers[ReplayedHeader] = "true";
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }

    /// <summary>The key as sent (a structured-field string's quotes removed); 400 when empty, repeated or longer than 255 characters.</summary>
    private static string ReadKey(Microsoft.Extensions.Primitives.StringValues values)
    {
        var key = values.Count == 1 ? values[0]?.Trim() : null;
        if (key is { Length: >= 2 } && key[0] == '"' && key[^1] == '"')
        {
            key = key[1..^1];
        }

        return key is { Length: > 0 and <= MaxKeyLength }
            ? key
            : throw new HttpProblemException(
                StatusCodes.Status400BadRequest, "Bad request",
                $"{Header} must be one value of 1 to {MaxKeyLength} characters (a UUID is a good key).");
    }

    /// <summary>Whose key it is: the signed-in user's, or for an anonymous route the client's (its address).</summary>
    private static string Scope(HttpContext http) =>
        http.RequestServices.GetRequiredService<ICurrentUser>().User is { } user
            ? $"user:{user.Id}"
            : $"client:{http.Connection.RemoteIpAddress}";

    /// <summary>A SHA-256 of the method, path and query, and body: what "the same request" means for a key.</summary>
    private static async Task<byte[]> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}
