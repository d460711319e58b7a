namespace CleanApp.Web.Endpoints;

/// <summary>
/// A feature's routes under /api/v1 (or one use case's). <see cref="Api.MapApi"/> maps every implementation in this
/// assembly, so a feature is added by adding its file: no list of groups to extend.
/// </summary>
internal interface IEndpointGroup
{
    /// <summary>
    /// Where the group's routes come, in routing and in the OpenAPI documents: lowest first, then by type name. The
    /// contract's groups take 1 to 5, in the order of the REST contract; a feature's come after them.
    /// </summary>
    int Order => 100;

    void Map(IEndpointRouteBuilder api);
}
