using CleanApp.Web.OpenApi;

namespace CleanApp.Web.Endpoints;

internal static class Api
{
    public const string BasePath = "/api/v1";

    /// <summary>Every route of the REST contract, under /api/v1, one endpoint group per feature.</summary>
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).WithStandardResponses();
        api.MapLogin();
        api.MapUsers();
        api.MapItems();
        api.MapUtils();
    }
}
