using CleanApp.Web.Errors;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CleanApp.Web.Conditions;

/// <summary>
/// Entity tags (RFC 9110 §8.8.3) as this API writes and reads them: an entity at version 3 has the strong tag
/// <c>"3"</c>. If-Match compares strongly (a weak tag never matches), If-None-Match weakly; <c>*</c> matches any
/// existing entity.
/// </summary>
internal static class EntityTags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>The tags of a conditional header, or a 400 naming the header when it is not <c>*</c> or a list of quoted tags.</summary>
    public static IList<EntityTagHeaderValue> Parse(StringValues values, string header) =>
        EntityTagHeaderValue.TryParseStrictList(values, out var tags) && tags.Count > 0
            ? tags
            : throw new HttpProblemException(
                StatusCodes.Status400BadRequest, "Bad request",
                $"{header} must be * or a list of entity tags in double quotes, as the ETag header sends them (such as \"3\").");

    /// <summary>The version a tag names (<c>"3"</c>: 3, exactly as <see cref="Of"/> writes it), or null.</summary>
    public static int? Version(EntityTagHeaderValue tag) =>
        tag.Tag is { Length: > 2 } quoted
        && int.TryParse(quoted.AsSpan(1, quoted.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
        && quoted.Equals(Of(version))
            ? version
            : null;

    public static bool Match(IList<EntityTagHeaderValue> tags, int version, bool strong)
    {
        var current = new EntityTagHeaderValue(Of(version));
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: strong))
            {
                return true;
            }
        }

        return false;
    }
}
