using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CleanApp.Web.Configuration;

namespace CleanApp.Web.Json;

/// <summary>How the API reads and writes JSON.</summary>
internal static class JsonSetup
{
    public static void ConfigureApi(JsonSerializerOptions options, JsonNaming naming)
    {
        // camelCase: the generated code below writes the names itself (its fast path). snake_case: the same generated
        // metadata with the policy's names (System.Text.Json turns the fast path off for a policy it was not built with).
        options.PropertyNamingPolicy = naming == JsonNaming.SnakeCase ? JsonNamingPolicy.SnakeCaseLower : JsonNamingPolicy.CamelCase;
        // The answers through generated code (ApiJsonContext); any other type through reflection, with Optional<T>
        // (partial updates) read by its converter. The converter is set on those properties, not in
        // options.Converters: a converter there would turn the generated fast path off for every type.
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(ApiJsonContext.Default);
        options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver { Modifiers = { OptionalJsonConverterFactory.ApplyToOptionalProperties } });
        // Numbers are numbers: "5" is not accepted for 5, and clients see plain number types.
        options.NumberHandling = JsonNumberHandling.Strict;
        // Nothing a client sends is silently dropped: a property the route does not know is a 400 naming it (a
        // misspelt field would otherwise look saved), and so is a property given twice.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.MaxDepth = JsonErrors.MaxDepth;
    }
}
