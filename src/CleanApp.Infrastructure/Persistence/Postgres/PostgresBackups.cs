using System.Diagnostics;
using CleanApp.Infrastructure.Persistence.Maintenance;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>Backups of PostgreSQL with its client tools: pg_dump in its custom format, pg_restore.</summary>
internal sealed class PostgresBackups(DatabaseSettings settings) : IBackupMethod
{
    private string Database => new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database!;

    public (string Name, string Extension) Naming => (Database, ".dump");

    /// <summary><c>pg_dump</c> in its custom format (the PostgreSQL client tools, from PATH or <c>PG_BIN</c>).</summary>
    public Task BackupAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken) =>
        RunAsync(backups, "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}"], progress, cancellationToken);

    /// <summary>An empty public schema (so nothing created after the backup survives), then <c>pg_restore</c>.</summary>
    public async Task RestoreAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await RunAsync(
            backups,
            "pg_restore",
            ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--clean", "--if-exists", $"--dbname={Database}", file],
            progress,
            cancellationToken);
    }

    /// <summary>Runs a PostgreSQL client tool against the configured database; its verbose output is the progress.</summary>
    private async Task RunAsync(BackupSettings backups, string tool, IReadOnlyList<string> arguments, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var path = backups.ToolFolder is { } folder ? Path.Combine(folder, tool) : tool;
        var info = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in progress is null ? arguments : ["--verbose", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        // The password goes through the environment, never the command line.
        info.Environment["PGHOST"] = connection.Host;
        info.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PGUSER"] = connection.Username;
        info.Environment["PGPASSWORD"] = connection.Password ?? string.Empty;
        info.Environment["PGDATABASE"] = connection.Database;

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException(
                $"{tool} could not be started ({e.Message}). Backups of PostgreSQL need the PostgreSQL client tools, as new as the server " +
                "(Debian/Ubuntu: apt-get install postgresql-client); put them on PATH or set PG_BIN to their folder.", e);
        }

        using (process)
        {
            var tail = new Queue<string>();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
            {
                progress?.Report($"  {line}");
                tail.Enqueue(line);
                if (tail.Count > 20)
                {
                    tail.Dequeue();
                }
            }

            await output;
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} failed (exit code {process.ExitCode}): {string.Join(" ", tail.Where(l => !l.Contains(": processing ", StringComparison.Ordinal)))}");
            }
        }
    }
}
