using CleanApp.Infrastructure.Persistence.Maintenance;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>The schema lifecycle's questions to a PostgreSQL server: probing, creating the database, the schema lock.</summary>
internal sealed class PostgresAdministration(DatabaseSettings settings) : IDatabaseAdministration
{
    // Any fixed number works: all CleanApp processes ask for the same one ("CleanApp" in ASCII).
    internal const long SchemaLockKey = 0x436C65616E417070;

    public async Task<(bool Reachable, bool Exists, string Problem)> ProbeAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return (true, true, string.Empty);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return (true, false, string.Empty);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            // Waiting will not fix credentials: fail at once.
            throw new DatabaseUnavailableException(
                $"The {settings.Describe()} refused the login: {e.MessageText}. Check POSTGRES_USER and POSTGRES_PASSWORD in .env or the environment.", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return (false, false, e.Message);
        }
    }

    /// <summary>When several migrators race to create the database, one wins and the rest go on.</summary>
    public async Task EnsureDatabaseExistsAsync(AppDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        for (var attempt = 1; !await creator.ExistsAsync(cancellationToken); attempt++)
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException e) when (attempt < 20 && e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), timeProvider, cancellationToken);
            }
        }
    }

    // EF Core's PostgreSQL migration lock is an advisory lock: the server ends it with the session, nothing is left over.
    public Task<string?> ReleaseLeftoverMigrationLockAsync(AppDbContext db, Func<string, Task<bool>> tableExists, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    public (string Sql, object Table) TableExistsQuery(string table) => ("SELECT to_regclass(@table) IS NOT NULL", $"\"{table}\"");

    /// <summary>A session advisory lock on a dedicated connection (released by the server if the process dies).</summary>
    public async Task<IAsyncDisposable> AcquireSchemaLockAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // Not pooled: closing this connection must end the session, and with it the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            attempt.Parameters.AddWithValue("key", SchemaLockKey);
            if (await attempt.ExecuteScalarAsync(cancellationToken) is not true)
            {
                progress?.Report(SchemaLock.Waiting);
                await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
                wait.Parameters.AddWithValue("key", SchemaLockKey);
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

    public void ClearPools() => NpgsqlConnection.ClearAllPools();
}
