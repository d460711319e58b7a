using CleanApp.Web.OpenApi;

namespace CleanApp.Web.Endpoints;

internal static class Api
{
    public const string BasePath = "/api/v1";

    /// <summary>The largest request body accepted (1 MiB): far above any route's, far below what would strain the server.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The paging cursor, as the OpenAPI document describes it.</summary>
    public const string CursorDescription =
        "The nextCursor of the previous page: the next page starts right after it (instead of skip), costs the same at any depth, " +
        "and items added meanwhile cause neither gaps nor repeats.";

    /// <summary>
    /// Hands a route handler to routing so that the build-time request delegate generator, which builds every other
    /// endpoint's request delegate, cannot see it (warning RDG002, suppressed where this is used): that endpoint is built
    /// at run time, from the handler's signature, as without the generator. For the few handlers where the generated code
    /// would differ from the runtime's; each use says why.
    /// </summary>
    public static Delegate BuiltAtRunTime(Delegate handler) => handler;

    /// <summary>
    /// Every route of the REST contract, under /api/v1, one endpoint group per feature. Every route needs an
    /// authenticated caller unless it opts out with AllowAnonymous; the application's authorization behaviour is the
    /// second gate (active users, superusers), so a route that sends no message is still not open to anyone.
    /// </summary>
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).RequireAuthorization().WithStandardResponses();
        foreach (var group in Groups())
        {
            group.Map(api);
        }
    }

    /// <summary>Every endpoint group of this assembly (<see cref="IEndpointGroup"/>), in their order.</summary>
    internal static IReadOnlyList<IEndpointGroup> Groups() =>
    [
        .. typeof(Api).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IEndpointGroup).IsAssignableFrom(type))
            .Select(type => (IEndpointGroup)Activator.CreateInstance(type)!)
            .OrderBy(group => group.Order)
            .ThenBy(group => group.GetType().FullName, StringComparer.Ordinal),
    ];
}
