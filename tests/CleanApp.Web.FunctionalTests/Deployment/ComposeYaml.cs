using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace CleanApp.Web.FunctionalTests.Deployment;

/// <summary>A compose file read as compose reads it, and a walk down its maps.</summary>
internal static class ComposeYaml
{
    public static Dictionary<object, object> Parse(string text)
    {
        using var reader = new StringReader(text);
        // The merging parser resolves the `<<: *app-environment` merge keys, as compose does.
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    /// <summary>The value at <paramref name="path"/> below <paramref name="node"/>, or null when any step is missing.</summary>
    public static object? At(Dictionary<object, object> node, params string[] path)
    {
        object? current = node;
        foreach (var key in path)
        {
            current = current is Dictionary<object, object> map && map.TryGetValue(key, out var next) ? next : null;
        }

        return current;
    }
}
