using System.Diagnostics;
using System.Globalization;
using CleanApp.Infrastructure.Configuration;
using Npgsql;

namespace CleanApp.Testing;

/// <summary>
/// A PostgreSQL server of one test's own, to stop and start again under a running app (the shared server of the
/// test run is never stopped). The cluster is made and run by build/lib/postgres.sh, the one throwaway-PostgreSQL
/// implementation the scripts use too: it needs the server binaries (initdb, pg_ctl on the PATH, in PG_BIN_DIR or
/// under /usr/lib/postgresql), and runs them as the postgres user when run as root.
/// </summary>
internal sealed class OwnPostgresServer : IThrowawayDatabase
{
    private const string Database = "cleanapp";

    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "build", "lib", "postgres.sh");

    private readonly string folder;

    private OwnPostgresServer(string folder, int port)
    {
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public DatabaseSettings Settings => new(DatabaseProvider.Postgres, ConnectionString);

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = Database, Pooling = false,
    }.ConnectionString;

    public Dictionary<string, string?> AppSettings() => new()
    {
        ["DATABASE_PROVIDER"] = "postgres",
        ["POSTGRES_SERVER"] = "127.0.0.1",
        ["POSTGRES_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["POSTGRES_USER"] = "postgres",
        ["POSTGRES_PASSWORD"] = "unused-trust-authentication",
        ["POSTGRES_DB"] = Database,
    };

    /// <summary>Creates a cluster in a temporary folder, started on a free loopback port, and the database in it.</summary>
    public static async Task<OwnPostgresServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cleanapp-own-pg-").FullName;
        var port = int.Parse((await RunAsync("create", folder)).Trim(), CultureInfo.InvariantCulture);
        var server = new OwnPostgresServer(folder, port);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
        await create.ExecuteNonQueryAsync();
        return server;
    }

    /// <summary>Stops the server as an operator or a failover does (fast shutdown: sessions are ended).</summary>
    public Task StopAsync() => RunAsync("stop", folder);

    public Task StartAgainAsync() => RunAsync("start", folder);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("remove", folder);
    }

    private static async Task<string> RunAsync(string verb, string folder)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Script, verb, folder })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The database fault tests run a PostgreSQL server of their own: build/lib/postgres.sh {verb} failed ({process.ExitCode}):\n{await output}{await error}");
        }

        return await output;
    }
}
