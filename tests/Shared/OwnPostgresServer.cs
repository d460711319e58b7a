using System.Diagnostics;
using System.Globalization;
using CleanApp.Infrastructure.Configuration;
using Npgsql;

namespace CleanApp.Testing;

/// <summary>
/// A PostgreSQL server of one test's own, to stop and start again under a running app (the shared server of the
/// test run is never stopped). It needs the server binaries, as build/test.sh does: initdb and pg_ctl on the PATH,
/// in PG_BIN_DIR or under /usr/lib/postgresql; run as root, it runs them as the postgres user.
/// </summary>
internal sealed class OwnPostgresServer : IThrowawayDatabase
{
    private const string Database = "cleanapp";

    private readonly string folder;
    private readonly string binaries;
    private readonly string[] runAs;

    private OwnPostgresServer(string folder, string binaries, string[] runAs, int port)
    {
        this.folder = folder;
        this.binaries = binaries;
        this.runAs = runAs;
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

    /// <summary>Creates a cluster in a temporary folder, starts it on a free loopback port, creates the database.</summary>
    public static async Task<OwnPostgresServer> StartAsync()
    {
        var binaries = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("cleanapp-own-pg-").FullName;
        string[] runAs = [];
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", folder]);
            runAs = ["runuser", "-u", "postgres", "--"];
        }

        var server = new OwnPostgresServer(folder, binaries, runAs, FreePort.Next());
        await server.RunPgAsync("initdb", ["-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
        await server.StartAgainAsync();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
        await create.ExecuteNonQueryAsync();
        return server;
    }

    private string Data => Path.Combine(folder, "data");

    /// <summary>Stops the server as an operator or a failover does (fast shutdown: sessions are ended).</summary>
    public Task StopAsync() => RunPgAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);

    public Task StartAgainAsync() => RunPgAsync("pg_ctl",
        ["-D", Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1", "start"]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        Directory.Delete(folder, recursive: true);
    }

    private Task RunPgAsync(string program, string[] arguments) =>
        runAs.Length == 0
            ? RunAsync(Path.Combine(binaries, program), arguments)
            : RunAsync(runAs[0], [.. runAs[1..], Path.Combine(binaries, program), .. arguments]);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}{await error}");
        }
    }

    private static string FindBinaries()
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("PG_BIN_DIR"),
            .. (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator),
            .. Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
                : [],
        ];
        return candidates.FirstOrDefault(dir => !string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The database fault tests start and stop a PostgreSQL server of their own and need its binaries (initdb, pg_ctl): " +
                "install them (e.g. `apt-get install postgresql`) or set PG_BIN_DIR to their folder.");
    }

}
