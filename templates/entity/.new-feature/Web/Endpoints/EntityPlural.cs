using __SolutionName__.Application.EntityPlural;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace __SolutionName__.Web.Endpoints;

/// <summary>TODO: what the EntityPlural feature offers. Routes map use cases: no business logic here.</summary>
internal static class EntityPlural
{
    public static void MapEntityPlural(this IEndpointRouteBuilder api)
    {
        var routes = api.MapGroup("/entity-route").WithTags("entity-route");
        // Routes of this feature: dotnet new adds new ones above this line.
    }

    // Handlers of this feature: dotnet new adds new ones above this line.
}
