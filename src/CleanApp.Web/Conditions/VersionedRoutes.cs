using CleanApp.Application.Common.Errors;
using CleanApp.Web.Errors;

namespace CleanApp.Web.Conditions;

/// <summary>Endpoint metadata: the route reads, writes or creates one versioned resource (see <see cref="VersionedRoutes.Versioned"/>).</summary>
internal sealed class VersionedRoute
{
    public static readonly VersionedRoute Marker = new();

    private VersionedRoute()
    {
    }
}

/// <summary>Conditional requests (RFC 9110 §13) on the routes of one versioned resource.</summary>
internal static class VersionedRoutes
{
    /// <summary>
    /// An answer that is one entity (<see cref="IVersionedAnswer"/>) carries its ETag. A read whose If-None-Match names
    /// the current tag answers 304 with no body. An edit or delete (PUT, PATCH, DELETE) with If-Match proceeds only at
    /// a version it names (persistence checks it when saving: 412 otherwise); without If-Match it proceeds, unless
    /// API_REQUIRE_IF_MATCH makes If-Match required (428).
    /// </summary>
    public static RouteHandlerBuilder Versioned(this RouteHandlerBuilder route) =>
        route.WithMetadata(VersionedRoute.Marker).AddEndpointFilterFactory(static (context, next) =>
        {
            var required = context.ApplicationServices.GetRequiredService<ConditionalRequestSettings>().RequireIfMatch;
            return invocation => ApplyAsync(invocation, next, required);
        });

    private static async ValueTask<object?> ApplyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, bool ifMatchRequired)
    {
        var http = invocation.HttpContext;
        var request = http.Request;
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (IsEdit(request.Method))
        {
            if (request.Headers.IfMatch.Count > 0)
            {
                http.Features.Set(new RequestedVersions(EntityTags.Parse(request.Headers.IfMatch, "If-Match")));
            }
            else if (ifMatchRequired)
            {
                throw new HttpProblemException(
                    StatusCodes.Status428PreconditionRequired, "Precondition required",
                    "This server requires If-Match on edits and deletes: send the ETag of the version you read (or * for any).");
            }
        }

        var ifNoneMatch = isRead && request.Headers.IfNoneMatch.Count > 0 ? EntityTags.Parse(request.Headers.IfNoneMatch, "If-None-Match") : null;
        object? result;
        try
        {
            result = await next(invocation);
        }
        catch (PreconditionFailedException e)
        {
            // Answered here, not by the exception handler, which strips ETag from the answers it writes: the 412 says
            // which version the resource is at now.
            http.Response.Headers.ETag = EntityTags.Of(e.CurrentVersion);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");
        }

        if (result is IValueHttpResult { Value: IVersionedAnswer answer })
        {
            http.Response.Headers.ETag = EntityTags.Of(answer.Version);
            if (ifNoneMatch is not null && EntityTags.Match(ifNoneMatch, answer.Version, strong: false))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        return result;
    }

    private static bool IsEdit(string method) => HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
