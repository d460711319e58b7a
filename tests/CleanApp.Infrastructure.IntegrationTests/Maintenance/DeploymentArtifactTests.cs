using System.Diagnostics;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.IntegrationTests.Persistence;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanApp.Infrastructure.IntegrationTests.Maintenance;

/// <summary>
/// build/db.sh's deployment artifacts for PostgreSQL — the idempotent SQL script and the migration bundle — made
/// once for this class, as a deployment pipeline makes them.
/// </summary>
public sealed class DeploymentArtifacts : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("cleanapp-artifacts-").FullName;

    public string Script => Path.Combine(folder, "postgres-idempotent.sql");

    public string Bundle => Path.Combine(folder, "efbundle");

    public static string RepositoryRoot => RepositoryPaths.Root;

    public async ValueTask InitializeAsync()
    {
        await RunAsync(RepositoryRoot, "bash", "build/db.sh", "script", "--output", Script, "--no-build");
        await RunAsync(RepositoryRoot, "bash", "build/db.sh", "bundle", "--output", Bundle, "--no-build");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    public static async Task<string> RunAsync(string workingDirectory, string program, params string[] arguments) =>
        await RunAsync(workingDirectory, new Dictionary<string, string>(), program, arguments);

    public static async Task<string> RunAsync(string workingDirectory, Dictionary<string, string> environment, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The configuration the tests were built with (bin/<Configuration>/net10.0/), so --no-build finds it.
        info.Environment["CONFIGURATION"] = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var all = await output + await error;
        return process.ExitCode == 0 ? all : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{all}");
    }
}

public class DeploymentArtifactTests(DeploymentArtifacts artifacts) : IClassFixture<DeploymentArtifacts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Schema and migration history of a database, as text.</summary>
    private static async Task<List<string>> StateAsync(TestDatabase database)
    {
        await using var db = AppDbContextFactory.Create(database.Settings);
        var history = await db.Database.GetAppliedMigrationsAsync(Token);
        return [.. await Schema.ReadAsync(db), .. history.Select(id => "applied " + id)];
    }

    /// <summary>The reference: what `db migrate` makes of an empty database.</summary>
    private static async Task<List<string>> ReferenceAsync()
    {
        await using var reference = TestDatabases.New(DatabaseProvider.Postgres, "reference");
        await using var services = InfrastructureServices.For(reference);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        return await StateAsync((TestDatabase)reference);
    }

    private Task<string> ApplyScriptAsync(TestDatabase database)
    {
        var server = TestPostgres.Server();
        return DeploymentArtifacts.RunAsync(
            DeploymentArtifacts.RepositoryRoot,
            new Dictionary<string, string>
            {
                ["PGHOST"] = server.Host!,
                ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGUSER"] = server.Username!,
                ["PGPASSWORD"] = server.Password ?? string.Empty,
                ["PGDATABASE"] = database.Name,
            },
            "psql", "-v", "ON_ERROR_STOP=1", "-q", "-f", artifacts.Script);
    }

    private Task<string> RunBundleAsync(TestDatabase database) =>
        DeploymentArtifacts.RunAsync(DeploymentArtifacts.RepositoryRoot, artifacts.Bundle, "--connection", database.ConnectionString);

    private static async Task<TestDatabase> AtHeadAsync()
    {
        var database = (TestDatabase)TestDatabases.New(DatabaseProvider.Postgres, "athead");
        await using var services = InfrastructureServices.For(database);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        return database;
    }

    [Fact]
    public async Task The_sql_script_builds_an_empty_database_like_db_migrate_and_changes_nothing_the_second_time()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("script");

        await ApplyScriptAsync(database);
        var once = await StateAsync(database);
        await ApplyScriptAsync(database);

        Assert.Equal(await ReferenceAsync(), once);
        Assert.Equal(once, await StateAsync(database));
    }

    [Fact]
    public async Task The_sql_script_leaves_a_database_already_at_head_as_it_is()
    {
        await using var database = await AtHeadAsync();
        var before = await StateAsync(database);

        await ApplyScriptAsync(database);

        Assert.Equal(before, await StateAsync(database));
    }

    [Fact]
    public async Task The_bundle_builds_an_empty_database_like_db_migrate_and_changes_nothing_the_second_time()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("bundle");

        await RunBundleAsync(database);
        var once = await StateAsync(database);
        var second = await DeploymentArtifacts.RunAsync(DeploymentArtifacts.RepositoryRoot, artifacts.Bundle, "--connection", database.ConnectionString);

        Assert.Equal(await ReferenceAsync(), once);
        Assert.Equal(once, await StateAsync(database));
        Assert.Contains("No migrations were applied", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundle_leaves_a_database_already_at_head_as_it_is()
    {
        await using var database = await AtHeadAsync();
        var before = await StateAsync(database);

        await RunBundleAsync(database);

        Assert.Equal(before, await StateAsync(database));
        NpgsqlConnection.ClearAllPools();
    }
}
