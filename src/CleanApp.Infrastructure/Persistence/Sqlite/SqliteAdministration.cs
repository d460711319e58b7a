using CleanApp.Infrastructure.Persistence.Maintenance;
using Microsoft.Data.Sqlite;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>The schema lifecycle's questions about a SQLite file: probing it, EF Core's leftover lock row, the schema lock file.</summary>
internal sealed class SqliteAdministration(DatabaseSettings settings) : IDatabaseAdministration
{
    private const string EfMigrationsLockTable = "__EFMigrationsLock";

    private string Path => new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;

    public Task<(bool Reachable, bool Exists, string Problem)> ProbeAsync(CancellationToken cancellationToken)
    {
        var path = Path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DatabaseUnavailableException(
                $"The folder of the {settings.Describe()} does not exist. Create it, or point SQLITE_PATH somewhere else.");
        }

        if (!File.Exists(path))
        {
            return Task.FromResult((true, false, string.Empty));
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            command.ExecuteScalar();
            return Task.FromResult((true, true, string.Empty));
        }
        catch (SqliteException e)
        {
            throw new DatabaseUnavailableException($"The {settings.Describe()} cannot be read: {e.Message} Check SQLITE_PATH.", e);
        }
    }

    // The file is created by the first connection that writes.
    public Task EnsureDatabaseExistsAsync(AppDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// EF Core's SQLite migration lock is a row in a table: a migrator killed while holding it leaves the row, and every
    /// later migration would wait for it forever. Called while holding the schema lock, so no CleanApp migrator can own
    /// such a row: it is left over, and is removed.
    /// </summary>
    public async Task<string?> ReleaseLeftoverMigrationLockAsync(AppDbContext db, Func<string, Task<bool>> tableExists, CancellationToken cancellationToken)
    {
        if (!await tableExists(EfMigrationsLockTable))
        {
            return null;
        }

        var taken = await db.Database.SqlQueryRaw<string>($"SELECT \"Timestamp\" AS \"Value\" FROM \"{EfMigrationsLockTable}\"").ToListAsync(cancellationToken);
        if (taken.Count == 0)
        {
            return null;
        }

        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{EfMigrationsLockTable}\"", cancellationToken);
        return taken[0];
    }

    public (string Sql, object Table) TableExistsQuery(string table) =>
        ("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = @table", table);

    /// <summary>An exclusive lock on a file beside the database (released by the OS if the process dies).</summary>
    public async Task<IAsyncDisposable> AcquireSchemaLockAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var path = Path + ".lock";
        var reported = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (DirectoryNotFoundException e)
            {
                throw new DatabaseUnavailableException($"The folder of {path} does not exist. Create it, or point SQLITE_PATH somewhere else.", e);
            }
            catch (IOException)
            {
                if (!reported)
                {
                    progress?.Report(SchemaLock.Waiting);
                    reported = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    public void ClearPools() => SqliteConnection.ClearAllPools();
}
