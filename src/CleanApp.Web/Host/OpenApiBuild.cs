using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanApp.Web.Host;

/// <summary>
/// The build's run mode: Microsoft.Extensions.ApiDescription.Server starts the app only to read its endpoints and write
/// openapi.json. Nothing may start then, least of all anything that opens the database.
/// </summary>
internal static class OpenApiBuild
{
    /// <summary>True while the build runs the app to write the OpenAPI documents.</summary>
    public static bool IsRunning { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static void StartNothing(IServiceCollection services)
    {
        if (IsRunning)
        {
            services.RemoveAll<IHostedService>();
        }
    }
}
