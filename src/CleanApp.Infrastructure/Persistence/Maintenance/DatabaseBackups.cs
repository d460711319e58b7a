using System.Diagnostics;
using CleanApp.Infrastructure.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Backups and restores. PostgreSQL: <c>pg_dump</c> in its custom format and <c>pg_restore</c> (the PostgreSQL
/// client tools, from PATH or <c>PG_BIN</c>). SQLite: SQLite's online backup, a consistent copy while in use.
/// </summary>
public sealed class DatabaseBackups(DatabaseSettings settings, BackupSettings backupSettings, TimeProvider timeProvider)
{
    /// <summary>
    /// &lt;BACKUP_DIR&gt;/&lt;database&gt;-&lt;UTC time&gt;[-label].dump (or .db for SQLite); <c>BACKUP_DIR</c> defaults to
    /// backups under the working directory.
    /// </summary>
    public string DefaultFile(string? label = null)
    {
        var postgres = settings.Provider == DatabaseProvider.Postgres;
        var name = postgres
            ? new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database
            : Path.GetFileNameWithoutExtension(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
        var stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return Path.GetFullPath(Path.Combine(backupSettings.Folder, $"{name}-{stamp}{(label is null ? string.Empty : "-" + label)}{(postgres ? ".dump" : ".db")}"));
    }

    /// <summary>Writes a backup of the whole database to <paramref name="file"/> (a new file) and returns its full path.</summary>
    public async Task<string> BackupAsync(string? file, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        file = Path.GetFullPath(file ?? DefaultFile());
        if (File.Exists(file))
        {
            throw new BackupException($"{file} exists already; a backup never overwrites a file. Choose another name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var started = timeProvider.GetTimestamp();
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}"], progress, cancellationToken);
        }
        else
        {
            using var source = Open(settings.ConnectionString, SqliteOpenMode.ReadOnly);
            using var target = Open(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, SqliteOpenMode.ReadWriteCreate);
            source.BackupDatabase(target);
        }

        progress?.Report($"Backed up to {file} ({new FileInfo(file).Length / 1024.0:0.0} KiB in {timeProvider.GetElapsedTime(started).TotalSeconds:0.0} s).");
        return file;
    }

    /// <summary>
    /// Replaces the whole database with the backup in <paramref name="file"/>. Takes a safety backup first and
    /// returns its path: if the restore fails, the data from before it is there.
    /// </summary>
    public async Task<string> RestoreAsync(string file, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new BackupException($"There is no backup at {file}.");
        }

        var safety = await BackupAsync(DefaultFile("before-restore"), progress, cancellationToken);
        try
        {
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                await ReplacePublicSchemaAsync(cancellationToken);
                await RunAsync(
                    "pg_restore",
                    ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--clean", "--if-exists", $"--dbname={Database}", file],
                    progress,
                    cancellationToken);
            }
            else
            {
                using var source = Open(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, SqliteOpenMode.ReadOnly);
                using var target = Open(settings.ConnectionString, SqliteOpenMode.ReadWriteCreate);
                source.BackupDatabase(target);
            }
        }
        catch (Exception e) when (e is BackupException or NpgsqlException or SqliteException)
        {
            throw new BackupException($"Restoring {file} failed: {e.Message} The data from before the restore is in {safety} (db restore {safety}).", e);
        }

        progress?.Report($"Restored {file}.");
        return safety;
    }

    private string Database => new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database!;

    /// <summary>An empty public schema, so nothing created after the backup survives the restore.</summary>
    private async Task ReplacePublicSchemaAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteConnection Open(string connectionString, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = mode, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs a PostgreSQL client tool against the configured database; its verbose output is the progress.</summary>
    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var info = new ProcessStartInfo(ToolPath(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
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

    private string ToolPath(string tool) =>
        backupSettings.ToolFolder is { } folder ? Path.Combine(folder, tool) : tool;
}
