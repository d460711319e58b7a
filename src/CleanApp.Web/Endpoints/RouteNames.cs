namespace CleanApp.Web.Endpoints;

/// <summary>
/// A route is named after the use case it sends (<c>GetItemQuery</c>: <c>GetItem</c>), never by a string written again:
/// the name is its OpenAPI operation id and its link name, and it follows a rename of the use case. Only routes that
/// keep the FastAPI template's operation names spell theirs (<c>LoginAccessToken</c>, <c>TestEmail</c>,
/// <c>HealthCheck</c>, <c>CreatePrivateUser</c>).
/// </summary>
internal static class RouteNames
{
    public static RouteHandlerBuilder Sends<TMessage>(this RouteHandlerBuilder route)
        where TMessage : IMessage => route.WithName(Of<TMessage>.Name);

    private static class Of<TMessage>
    {
        public static readonly string Name = typeof(TMessage).Name switch
        {
            var name when name.EndsWith("Command", StringComparison.Ordinal) => name[..^"Command".Length],
            var name when name.EndsWith("Query", StringComparison.Ordinal) => name[..^"Query".Length],
            var name => name,
        };
    }
}
