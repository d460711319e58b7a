using CleanApp.Application.Common.Errors;
using Microsoft.Net.Http.Headers;

namespace CleanApp.Web.Conditions;

/// <summary>The If-Match tags of the current request, as <see cref="VersionedRoutes"/> read them (a request feature).</summary>
internal sealed record RequestedVersions(IList<EntityTagHeaderValue> Tags);

/// <summary>The current request's If-Match, for persistence to check when the change is saved (<see cref="IWriteConditions"/>).</summary>
internal sealed class HttpWriteConditions(IHttpContextAccessor accessor) : IWriteConditions
{
    public bool IsConditional => Requested is not null;

    public void Check(int version)
    {
        if (Requested is { } requested && !EntityTags.Match(requested.Tags, version, strong: true))
        {
            throw new PreconditionFailedException(version);
        }
    }

    public IReadOnlyList<int>? AcceptedVersions => Requested is { } requested && !requested.Tags.Contains(EntityTagHeaderValue.Any)
        ? [.. requested.Tags.Where(t => !t.IsWeak).Select(EntityTags.Version).OfType<int>()]
        : null;

    private RequestedVersions? Requested => accessor.HttpContext?.Features.Get<RequestedVersions>();
}
