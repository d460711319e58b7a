using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CleanApp.Web.Json;

/// <summary>
/// 200 with a JSON answer, like <see cref="Ok{TValue}"/> (same status, content type, body and OpenAPI description), but
/// written by the generated fast path where it applies (<see cref="JsonSetup.AnswerTypeInfo{T}"/>), in one synchronous
/// pass into the response's buffer, and sent with one flush. For large answers (pages): the streaming writer
/// <see cref="Ok{TValue}"/> uses gives up the fast path for good after the first answer of its type over ~14 KB (a page
/// of 100 items is ~18 KB); this one keeps it whatever the size. Writing into the buffer never blocks: the bytes go out
/// at the flush, after a Content-Length (known by then) rather than in chunks.
/// </summary>
internal sealed class BufferedOk<TValue>(TValue value)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>
{
    public TValue Value => value;

    object? IValueHttpResult.Value => value;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var typeInfo = JsonSetup.AnswerTypeInfo<TValue>(options);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        // No bytes pending means the client is gone (the server discards what is written to a closed connection): a
        // Content-Length of 0 would then turn the abandoned request into a logged 500 for a body of the wrong length.
        if (!response.HasStarted && response.BodyWriter.CanGetUnflushedBytes && response.BodyWriter.UnflushedBytes is > 0 and var length)
        {
            response.ContentLength = length;
        }

        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
    }
}

/// <summary>Creates <see cref="BufferedOk{TValue}"/> answers.</summary>
internal static class BufferedOk
{
    public static BufferedOk<TValue> Of<TValue>(TValue value) => new(value);
}
