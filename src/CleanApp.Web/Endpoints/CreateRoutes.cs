using CleanApp.Application.Common.Errors;
using CleanApp.Web.Idempotency;

namespace CleanApp.Web.Endpoints;

/// <summary>Endpoint metadata: the route creates a resource (see <see cref="CreateRoutes.CreatesResource"/>).</summary>
internal sealed class CreateRoute
{
    public static readonly CreateRoute Marker = new();

    private CreateRoute()
    {
    }
}

/// <summary>How a route that creates a resource answers, per profile.</summary>
internal static class CreateRoutes
{
    /// <summary>
    /// camelCase (the API's own contract): 201 with the resource and its <c>Location</c>, 409 when it already exists.
    /// snake_case: as the FastAPI template's routes answer (they declare no status code, and refuse a duplicate with
    /// 400): 200 with the resource, and 400 with the same detail. The camelCase profile runs no filter at all. Either
    /// way a retry with the same Idempotency-Key creates nothing more (<see cref="IdempotentRoutes.AcceptsIdempotencyKey"/>).
    /// </summary>
    public static RouteHandlerBuilder CreatesResource(this RouteHandlerBuilder route) =>
        route.WithMetadata(CreateRoute.Marker).AcceptsIdempotencyKey().AddEndpointFilterFactory(static (context, next) =>
            context.ApplicationServices.GetRequiredService<ApiJsonSettings>().IsSnakeCase ? invocation => AsFastApiAsync(invocation, next) : next);

    private static async ValueTask<object?> AsFastApiAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        object? result;
        try
        {
            result = await next(invocation);
        }
        catch (ConflictException e)
        {
            throw new BadRequestException(e.Message);
        }

        return result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created } and IValueHttpResult created
            ? TypedResults.Ok(created.Value)
            : result;
    }
}
