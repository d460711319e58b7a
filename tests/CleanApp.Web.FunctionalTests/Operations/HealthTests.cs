using System.Net;
using System.Text.Json;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Operations;

public class HealthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_is_503_while_migrations_are_pending_and_200_once_applied_while_live_stays_200()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("ready");
        await using var factory = new WebAppFactory(database);
        using var client = factory.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Token);
        var pending = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync(null, backup: false, null, Token);
        }

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
        Assert.Contains("pending", await pending.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Token));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_503_when_the_database_does_not_answer()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "gone");
        await using var factory = new WebAppFactory(database, settings: new() { ["POSTGRES_PORT"] = "1" });
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_served()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "openapi");
        await using var factory = new WebAppFactory(database);
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Token));

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }
}
