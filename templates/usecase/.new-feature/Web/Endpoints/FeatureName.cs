using __SolutionName__.Application.FeatureName;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace __SolutionName__.Web.Endpoints;

/// <summary>TODO: what the FeatureName feature offers. Routes map use cases: no business logic here.</summary>
internal static class FeatureName
{
    public static void MapFeatureName(this IEndpointRouteBuilder api)
    {
        var routes = api.MapGroup("/feature-route").WithTags("feature-route");
        // Routes of this feature: dotnet new adds new ones above this line.
    }

    // Handlers of this feature: dotnet new adds new ones above this line.
}
