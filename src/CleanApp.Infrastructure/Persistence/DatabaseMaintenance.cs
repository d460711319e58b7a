using System.Globalization;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>One migration as the code knows it and whether the database has applied it.</summary>
public sealed record MigrationInfo(string Id, string Name, DateTimeOffset? GeneratedAt, bool Applied);

/// <summary>Where the schema stands: the migrations, applied or pending, and whether the model has changes no migration covers.</summary>
public sealed record DatabaseStatus(
    string Target,
    bool DatabaseExists,
    IReadOnlyList<MigrationInfo> Migrations,
    IReadOnlyList<string> AppliedButUnknown,
    bool ModelHasUnmigratedChanges)
{
    public IReadOnlyList<MigrationInfo> Pending => [.. Migrations.Where(m => !m.Applied)];
}

/// <summary>The migrations a <c>db migrate</c> applied (oldest first) or reverted (newest first).</summary>
public sealed record MigrateResult(IReadOnlyList<string> Applied, IReadOnlyList<string> Reverted);

/// <summary>The database server answered; <see cref="DatabaseExists"/> says whether the database itself is there yet.</summary>
public sealed record ConnectionCheck(string Target, bool DatabaseExists, int Attempts);

/// <summary>The database could not be reached or used; the message says where and what to check.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>A migration name given on the command line matches none of the code's migrations.</summary>
public sealed class UnknownMigrationException(string target, IEnumerable<string> known)
    : Exception($"No migration is named '{target}'. Known migrations: {string.Join(", ", known)}; use 0 to revert them all.");

/// <summary>
/// The schema lifecycle at run time: what the published app's <c>db</c> commands do, with no SDK needed.
/// </summary>
public sealed partial class DatabaseMaintenance(
    AppDbContext db,
    DatabaseSettings settings,
    DatabaseSeeder seeder,
    TimeProvider timeProvider,
    ILogger<DatabaseMaintenance> logger)
{
    /// <summary>Where the data lives, for messages.</summary>
    public string Target => settings.Describe();

    /// <summary>Waits until the database server answers, trying every <paramref name="interval"/> for up to <paramref name="timeout"/>.</summary>
    public async Task<ConnectionCheck> WaitForDatabaseAsync(TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var (reachable, exists, problem) = settings.Provider == DatabaseProvider.Postgres
                ? await TryPostgresAsync(cancellationToken)
                : TrySqlite();
            if (reachable)
            {
                return new ConnectionCheck(Target, exists, attempt);
            }

            var elapsed = timeProvider.GetElapsedTime(started);
            if (elapsed + interval > timeout)
            {
                throw new DatabaseUnavailableException(
                    $"Cannot reach the {Target} after {attempt} attempts in {elapsed.TotalSeconds:0}s: {problem} " +
                    "Is the server running? Check POSTGRES_SERVER, POSTGRES_PORT and POSTGRES_DB in .env or the environment.");
            }

            LogWaiting(logger, Target, problem);
            await Task.Delay(interval, timeProvider, cancellationToken);
        }
    }

    /// <summary>Applies every pending migration, or moves the schema to <paramref name="target"/> (a migration name or id; 0 reverts all).</summary>
    public async Task<MigrateResult> MigrateAsync(string? target, CancellationToken cancellationToken)
    {
        var targetId = target is null ? null : ResolveMigration(target);
        var before = await AppliedMigrationsAsync(cancellationToken);
        await db.GetService<IMigrator>().MigrateAsync(targetId, cancellationToken);
        var after = await AppliedMigrationsAsync(cancellationToken);
        return new MigrateResult([.. after.Except(before)], [.. before.Except(after).Reverse()]);
    }

    public async Task<DatabaseStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
        var applied = exists ? await AppliedMigrationsAsync(cancellationToken) : [];
        var known = db.Database.GetMigrations().ToList();
        return new DatabaseStatus(
            Target,
            exists,
            [.. known.Select(id => new MigrationInfo(id, NameOf(id), GeneratedAt(id), applied.Contains(id)))],
            [.. applied.Except(known)],
            db.Database.HasPendingModelChanges());
    }

    public Task<SeedReport> SeedAsync(CancellationToken cancellationToken) => seeder.SeedAsync(cancellationToken);

    /// <summary>Drops the database, creates it again at the newest migration and seeds it. Callers refuse this in Production.</summary>
    public async Task<(MigrateResult Migrated, SeedReport Seeded)> ResetAsync(CancellationToken cancellationToken)
    {
        await db.Database.EnsureDeletedAsync(cancellationToken);
        var migrated = await MigrateAsync(null, cancellationToken);
        var seeded = await seeder.SeedAsync(cancellationToken);
        return (migrated, seeded);
    }

    /// <summary>The migration name without its timestamp, e.g. Initial for 20261124120000_Initial.</summary>
    public static string NameOf(string migrationId)
    {
        ArgumentNullException.ThrowIfNull(migrationId);
        var underscore = migrationId.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? migrationId : migrationId[(underscore + 1)..];
    }

    /// <summary>When dotnet-ef generated the migration (UTC), read from its id.</summary>
    public static DateTimeOffset? GeneratedAt(string migrationId) =>
        migrationId is { Length: > 14 } &&
        DateTimeOffset.TryParseExact(migrationId[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private string ResolveMigration(string target)
    {
        if (target == Migration.InitialDatabase)
        {
            return target;
        }

        var known = db.Database.GetMigrations().ToList();
        return known.FirstOrDefault(id => id == target)
            ?? known.FirstOrDefault(id => string.Equals(NameOf(id), target, StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownMigrationException(target, known.Select(NameOf));
    }

    private async Task<List<string>> AppliedMigrationsAsync(CancellationToken cancellationToken) =>
        await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken)
            ? [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)]
            : [];

    private async Task<(bool Reachable, bool Exists, string Problem)> TryPostgresAsync(CancellationToken cancellationToken)
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
                $"The {Target} refused the login: {e.MessageText}. Check POSTGRES_USER and POSTGRES_PASSWORD in .env or the environment.", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return (false, false, e.Message);
        }
    }

    private (bool Reachable, bool Exists, string Problem) TrySqlite()
    {
        var path = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DatabaseUnavailableException(
                $"The folder of the {Target} does not exist. Create it, or point SQLITE_PATH somewhere else.");
        }

        if (!File.Exists(path))
        {
            return (true, false, string.Empty);
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            command.ExecuteScalar();
            return (true, true, string.Empty);
        }
        catch (SqliteException e)
        {
            throw new DatabaseUnavailableException($"The {Target} cannot be read: {e.Message} Check SQLITE_PATH.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the {Target}: {Problem}")]
    private static partial void LogWaiting(ILogger logger, string target, string problem);
}
