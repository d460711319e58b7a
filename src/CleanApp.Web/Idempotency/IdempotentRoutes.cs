namespace CleanApp.Web.Idempotency;

/// <summary>Endpoint metadata: the route honours an Idempotency-Key (see <see cref="IdempotencyKeyMiddleware"/>).</summary>
internal sealed class IdempotentRoute
{
    public static readonly IdempotentRoute Marker = new();

    private IdempotentRoute()
    {
    }
}

internal static class IdempotentRoutes
{
    /// <summary>
    /// A retry of this POST with the same Idempotency-Key answers what the first request answered, without running it
    /// again. Every route that creates has it (<see cref="Endpoints.CreateRoutes.CreatesResource"/>); give it to any other
    /// command a client may retry.
    /// </summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder route) => route.WithMetadata(IdempotentRoute.Marker);
}
