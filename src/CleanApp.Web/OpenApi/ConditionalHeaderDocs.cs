using CleanApp.Web.Idempotency;
using Microsoft.OpenApi;

namespace CleanApp.Web.OpenApi;

/// <summary>
/// How the documents describe conditional requests and idempotency keys (both profiles, the same codes): on a versioned
/// resource's routes the ETag answer header, If-None-Match and 304 on reads, If-Match with 412, 428 and 409 on edits and
/// deletes; on creates (and other POSTs that accept one) the Idempotency-Key header, Idempotent-Replayed, 409 (in progress) and 422 (key reused).
/// </summary>
internal static class ConditionalHeaderDocs
{
    public static void Describe(OpenApiOperation operation, OpenApiDocument document, string? method, bool versioned, bool idempotent)
    {
        if (operation.Responses is not { } responses)
        {
            return;
        }

        var isRead = method is "GET" or "HEAD";
        var isEdit = method is "PUT" or "PATCH" or "DELETE";
        var successes = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>().ToList();
        if (versioned && method != "DELETE")
        {
            successes.ForEach(r => AddHeader(r, "ETag", "The version of the resource answered: send it back in If-Match to edit that version, or in If-None-Match to read it only if it changed."));
        }

        if (versioned && isRead)
        {
            AddParameter(operation, "If-None-Match", "An ETag read before: when it is still current the answer is 304 with no body.");
            responses["304"] = new OpenApiResponse
            {
                Description = "Not Modified: If-None-Match names the current ETag.",
                Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = Header("The current version.") },
            };
        }

        if (versioned && isEdit)
        {
            AddParameter(operation, "If-Match", "The ETag of the version this change is based on (or *): a resource changed since answers 412 and stays unchanged. Required when the server sets API_REQUIRE_IF_MATCH.");
            responses.TryAdd("409", Problem(document, "Conflict: another request changed the resource at the same time; nothing was saved."));
            responses["412"] = Problem(document, "Precondition Failed: If-Match does not name the current version (its ETag is in the answer's ETag header).");
            responses["428"] = Problem(document, "Precondition Required: this server requires If-Match on edits and deletes.");
        }

        if (idempotent)
        {
            AddParameter(operation, IdempotencyKeyMiddleware.Header, "A key of your choosing (1 to 255 characters; a UUID): a retry with the same key and request answers what the first answered, without creating again.");
            successes.ForEach(r => AddHeader(r, IdempotencyKeyMiddleware.ReplayedHeader, "true when this is the kept answer of an earlier request with the same Idempotency-Key."));
            responses["409"] = Problem(document, "Conflict: a request with this Idempotency-Key is still in progress (retry after Retry-After), or the resource exists already.");
            responses.TryAdd("422", Problem(document, "Unprocessable: this Idempotency-Key was used with a different request."));
        }
    }

    private static void AddParameter(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void AddHeader(OpenApiResponse response, string name, string description)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = Header(description);
    }

    private static OpenApiHeader Header(string description) => new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static OpenApiResponse Problem(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
        },
    };
}
