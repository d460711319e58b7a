using System.Net;
using System.Net.Sockets;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;

namespace CleanApp.Infrastructure.IntegrationTests.Maintenance;

public class DatabaseCheckTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_names_host_port_and_database_when_nothing_answers()
    {
        var closedPort = ClosedPort();
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "unreachable");
        await using var services = InfrastructureServices.For(database, extra: new() { ["POSTGRES_PORT"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            services.InScopeAsync<DatabaseMaintenance, ConnectionCheck>(m => m.WaitForDatabaseAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200), Token)));

        Assert.Contains($":{closedPort}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{((TestDatabase)database).Name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_SERVER", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Check_succeeds_once_the_server_answers_and_says_whether_the_database_exists()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("check");
        await using var missing = TestDatabases.New(DatabaseProvider.Postgres, "checkmissing");
        await using var existingServices = InfrastructureServices.For(database);
        await using var missingServices = InfrastructureServices.For(missing);

        var existing = await existingServices.InScopeAsync<DatabaseMaintenance, ConnectionCheck>(m => m.WaitForDatabaseAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), Token));
        var absent = await missingServices.InScopeAsync<DatabaseMaintenance, ConnectionCheck>(m => m.WaitForDatabaseAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), Token));

        Assert.True(existing.DatabaseExists);
        Assert.False(absent.DatabaseExists);
    }

    [Fact]
    public async Task Check_of_sqlite_in_a_missing_folder_names_the_setting_to_fix()
    {
        var database = new SqliteTestDatabase(Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "app.db"));
        await using var services = InfrastructureServices.For(database);

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            services.InScopeAsync<DatabaseMaintenance, ConnectionCheck>(m => m.WaitForDatabaseAsync(TimeSpan.Zero, TimeSpan.Zero, Token)));

        Assert.Contains("SQLITE_PATH", error.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
