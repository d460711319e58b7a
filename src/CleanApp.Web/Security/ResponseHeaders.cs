namespace CleanApp.Web.Security;

/// <summary>
/// Headers every answer carries, error pages included (set as the response starts, after any exception handler
/// has reset it): no content sniffing, no referrer leaked to other sites, and API answers (tokens, users' data)
/// kept out of every cache.
/// </summary>
internal static class ResponseHeaders
{
    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (http.Request.Path.StartsWithSegments(Endpoints.Api.BasePath, StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
