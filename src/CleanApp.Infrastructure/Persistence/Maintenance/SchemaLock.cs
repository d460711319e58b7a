using CleanApp.Infrastructure.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>
/// One schema changer at a time per database, across processes and machines: every <c>db migrate</c>,
/// migrate-on-start and <c>db seed</c> holds this lock while it works, so of several instances starting at once
/// exactly one applies each migration and creates each seed row; the others wait, then find nothing to do.
/// PostgreSQL: a session advisory lock on a dedicated connection (released by the server if the process dies).
/// SQLite: an exclusive lock on a file beside the database (released by the OS if the process dies).
/// </summary>
internal static class SchemaLock
{
    // Any fixed number works: all CleanApp processes ask for the same one ("CleanApp" in ASCII).
    private const long PostgresKey = 0x436C65616E417070;
    private const string Waiting = "Another migrator or seeder is working on this database; waiting for it to finish...";

    public static Task<IAsyncDisposable> AcquireAsync(DatabaseSettings settings, IProgress<string>? progress, CancellationToken cancellationToken) =>
        settings.Provider == DatabaseProvider.Postgres
            ? AcquirePostgresAsync(settings, progress, cancellationToken)
            : AcquireSqliteAsync(settings, progress, cancellationToken);

    private static async Task<IAsyncDisposable> AcquirePostgresAsync(DatabaseSettings settings, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // Not pooled: closing this connection must end the session, and with it the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            attempt.Parameters.AddWithValue("key", PostgresKey);
            if (await attempt.ExecuteScalarAsync(cancellationToken) is not true)
            {
                progress?.Report(Waiting);
                await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
                wait.Parameters.AddWithValue("key", PostgresKey);
                await wait.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<IAsyncDisposable> AcquireSqliteAsync(DatabaseSettings settings, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource + ".lock";
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
                    progress?.Report(Waiting);
                    reported = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }
}
