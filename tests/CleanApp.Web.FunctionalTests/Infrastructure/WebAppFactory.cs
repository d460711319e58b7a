using CleanApp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>The whole app in memory (TestServer), on a throwaway database, in the given environment.</summary>
internal sealed class WebAppFactory(
    IThrowawayDatabase database,
    string environment = "Development",
    Dictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = database.AppSettings();
        all["MIGRATE_ON_START"] = "false";
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        builder.UseEnvironment(environment);
        // Settings Program.cs reads while it registers services (whether telemetry is on), before the host is built:
        // host settings are there from the start, configuration sources added below only once it is built.
        foreach (var (key, value) in all.Where(setting => setting.Key.StartsWith("OTEL_", StringComparison.Ordinal)))
        {
            builder.UseSetting(key, value);
        }

        // Added last, so these win over the environment variables the test run itself has (POSTGRES_*).
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(all));
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
