using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CleanApp.Web.Json;

/// <summary>How the API reads and writes JSON.</summary>
internal static class JsonSetup
{
    public static void ConfigureApi(JsonSerializerOptions options, JsonNaming naming)
    {
        // camelCase: the generated metadata's names. snake_case: the same generated metadata with the policy's names.
        options.PropertyNamingPolicy = naming == JsonNaming.SnakeCase ? JsonNamingPolicy.SnakeCaseLower : JsonNamingPolicy.CamelCase;
        // The answers and bodies through generated metadata (ApiJsonContext); any other type through reflection. Optional<T>
        // (partial updates) is its value on the wire, read by its converter. AnswerTypeInfo writes the answers with the
        // context's own options, where System.Text.Json's generated fast path applies.
        options.Converters.Add(OptionalJsonConverterFactory.Instance);
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(ApiJsonContext.Default);
        options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        // Numbers are numbers: "5" is not accepted for 5, and clients see plain number types.
        options.NumberHandling = JsonNumberHandling.Strict;
        // camelCase: nothing a client sends is silently dropped: a property the route does not know is a 400 naming it
        // (a misspelt field would otherwise look saved). snake_case: ignored, as the FastAPI template's pydantic models
        // ignore it (its frontend sends confirm_password along). In both, a property given twice is a 400.
        options.UnmappedMemberHandling = naming == JsonNaming.SnakeCase ? JsonUnmappedMemberHandling.Skip : JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.MaxDepth = JsonErrors.MaxDepth;
    }

    /// <summary>
    /// How an answer of type <typeparamref name="T"/> is written: by the generated context with its own options (the
    /// generated fast path: the properties written by straight-line code, no metadata walked) when those write what the
    /// API's <paramref name="options"/> would (camelCase; answers carry no <see cref="Application.Common.Optional{T}"/>), else by
    /// <paramref name="options"/> (snake_case, or a type the context does not list).
    /// </summary>
    public static JsonTypeInfo<T> AnswerTypeInfo<T>(JsonSerializerOptions options) =>
        options.PropertyNamingPolicy == ApiJsonContext.Default.Options.PropertyNamingPolicy
        && ApiJsonContext.Default.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> generated
            ? generated
            : (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
