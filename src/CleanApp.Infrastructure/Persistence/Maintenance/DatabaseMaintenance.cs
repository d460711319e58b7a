using System.Data.Common;
using System.Globalization;
using CleanApp.Application.Common.Telemetry;
using CleanApp.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>
/// The schema lifecycle at run time: what the published app's <c>db</c> commands do, with no SDK needed.
/// Migrating and seeding hold <see cref="SchemaLock"/>, so any number of processes may run them at once.
/// </summary>
public sealed partial class DatabaseMaintenance(
    AppDbContext db,
    DatabaseSettings settings,
    IDatabaseAdministration database,
    DatabaseSeeder seeder,
    DatabaseBackups backups,
    TimeProvider timeProvider,
    ILogger<DatabaseMaintenance> logger,
    AppTelemetry? telemetry = null)
{
    private const string HistoryTable = HistoryRepository.DefaultTableName;

    /// <summary>Where the data lives, for messages.</summary>
    public string Target => settings.Describe();

    /// <summary>Waits until the database server answers, trying every <paramref name="interval"/> for up to <paramref name="timeout"/>.</summary>
    public async Task<ConnectionCheck> WaitForDatabaseAsync(TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var (reachable, exists, problem) = await database.ProbeAsync(cancellationToken);
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

    /// <summary>
    /// Applies every pending migration, or moves the schema to <paramref name="target"/> (a migration name or id;
    /// 0 reverts all). Creates the database if needed; with <paramref name="backup"/>, backs it up first when
    /// anything is about to change.
    /// </summary>
    public async Task<MigrateResult> MigrateAsync(string? target, bool backup, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // As EF Core does: moving to a given migration (a rollback, say) is allowed with changes not yet migrated.
        if (target is null && db.Database.HasPendingModelChanges())
        {
            throw new PendingModelChangesException(Target);
        }

        var known = db.Database.GetMigrations().ToList();
        var targetId = target is null ? null : ResolveMigration(target, known);
        await database.EnsureDatabaseExistsAsync(db, timeProvider, cancellationToken);
        await using var schemaLock = await database.AcquireSchemaLockAsync(progress, cancellationToken);

        var notes = await ReleaseLeftoverMigrationLockAsync(cancellationToken);
        var before = await AppliedMigrationsAsync(cancellationToken);
        var wanted = targetId is null ? known : [.. known.TakeWhile(id => id != targetId), .. known.Where(id => id == targetId)];
        string? backupFile = null;
        // A database with no migration applied holds no data of ours: nothing to back up.
        if (backup && before.Count > 0 && !wanted.SequenceEqual(before.Intersect(known)))
        {
            backupFile = await backups.BackupAsync(backups.DefaultFile("before-migrate"), progress, cancellationToken);
        }

        if (!await TableExistsAsync(HistoryTable, cancellationToken))
        {
            // EF Core would find out by a query that fails and is logged as an error; under the lock, this is safe.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }

        await db.GetService<IMigrator>().MigrateAsync(targetId, cancellationToken);
        var after = await AppliedMigrationsAsync(cancellationToken);
        var result = new MigrateResult([.. after.Except(before)], [.. before.Except(after).Reverse()], backupFile, notes);
        await RecordAsync(result, cancellationToken);
        telemetry?.MigrationsApplied(result.Applied.Count);
        return result;
    }

    /// <summary>The migrations this build knows that the database has not applied (all of them when it does not exist).</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var applied = await AppliedMigrationsAsync(cancellationToken);
        return [.. db.Database.GetMigrations().Except(applied)];
    }

    public async Task<DatabaseStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
        var applied = exists ? await AppliedMigrationsAsync(cancellationToken) : [];
        var log = exists && await TableExistsAsync(MigrationLogTable, cancellationToken)
            ? await db.MigrationLog.AsNoTracking().ToListAsync(cancellationToken)
            : [];
        var lastApplied = log
            .Where(e => e.Direction == MigrationLogEntry.Up)
            .GroupBy(e => e.MigrationId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).Last());
        var known = db.Database.GetMigrations().ToList();
        return new DatabaseStatus(
            Target,
            exists,
            [.. known.Select(id => applied.Contains(id) && lastApplied.TryGetValue(id, out var entry)
                ? new MigrationInfo(id, NameOf(id), GeneratedAt(id), true, entry.At, entry.Host)
                : new MigrationInfo(id, NameOf(id), GeneratedAt(id), applied.Contains(id)))],
            [.. applied.Except(known)],
            db.Database.HasPendingModelChanges());
    }

    /// <summary>Seeds, holding the schema lock: seeders running at once create each row once.</summary>
    public async Task<SeedReport> SeedAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var schemaLock = await database.AcquireSchemaLockAsync(progress, cancellationToken);
        return await seeder.SeedAsync(progress, cancellationToken);
    }

    /// <summary>Drops the database, creates it again at the newest migration and seeds it. Callers refuse this in Production.</summary>
    public async Task<(MigrateResult Migrated, SeedReport Seeded)> ResetAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        database.ClearPools();
        await db.Database.EnsureDeletedAsync(cancellationToken);
        var migrated = await MigrateAsync(null, backup: false, progress, cancellationToken);
        var seeded = await SeedAsync(progress, cancellationToken);
        return (migrated, seeded);
    }

    public Task<string> BackupAsync(string? file, IProgress<string>? progress, CancellationToken cancellationToken) =>
        backups.BackupAsync(file, progress, cancellationToken);

    /// <summary>Replaces the database with a backup, holding the schema lock; returns the safety backup taken first.</summary>
    public async Task<string> RestoreAsync(string file, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var schemaLock = await database.AcquireSchemaLockAsync(progress, cancellationToken);
        return await backups.RestoreAsync(file, progress, cancellationToken);
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

    private string MigrationLogTable => db.Model.FindEntityType(typeof(MigrationLogEntry))!.GetTableName()!;

    private static string ResolveMigration(string target, List<string> known)
    {
        if (target == Migration.InitialDatabase)
        {
            return target;
        }

        return known.FirstOrDefault(id => id == target)
            ?? known.FirstOrDefault(id => string.Equals(NameOf(id), target, StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownMigrationException(target, known.Select(NameOf));
    }

    /// <summary>A migration lock of EF Core's left over by an interrupted migrator, removed (under the schema lock, no live migrator owns one).</summary>
    private async Task<IReadOnlyList<string>> ReleaseLeftoverMigrationLockAsync(CancellationToken cancellationToken)
    {
        if (await database.ReleaseLeftoverMigrationLockAsync(db, table => TableExistsAsync(table, cancellationToken), cancellationToken) is not { } taken)
        {
            return [];
        }

        LogLeftoverLock(logger, taken);
        return [$"Removed a migration lock left by an interrupted migrator (taken {taken})."];
    }

    /// <summary>Notes in the migration log what this run applied and reverted (when the log table exists at the end).</summary>
    private async Task RecordAsync(MigrateResult result, CancellationToken cancellationToken)
    {
        if (result.Applied.Count + result.Reverted.Count == 0 || !await TableExistsAsync(MigrationLogTable, cancellationToken))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var entries = result.Applied.Select(id => Entry(id, MigrationLogEntry.Up)).Concat(result.Reverted.Select(id => Entry(id, MigrationLogEntry.Down))).ToList();
        db.MigrationLog.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        // Written, never read back through this context: stop tracking them (a later run may reuse their ids).
        entries.ForEach(entry => db.Entry(entry).State = EntityState.Detached);

        MigrationLogEntry Entry(string id, string direction) => new() { MigrationId = id, Direction = direction, At = now, Host = Environment.MachineName };
    }

    private async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using DbCommand command = connection.CreateCommand();
            var (sql, value) = database.TableExistsQuery(table);
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@table";
            parameter.Value = value;
            command.Parameters.Add(parameter);
            return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Asked in this order so no query fails (EF Core logs that as an error) on a new database or one without history.
    private async Task<List<string>> AppliedMigrationsAsync(CancellationToken cancellationToken) =>
        await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken) && await TableExistsAsync(HistoryTable, cancellationToken)
            ? [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)]
            : [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the {Target}: {Problem}")]
    private static partial void LogWaiting(ILogger logger, string target, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed a migration lock left by an interrupted migrator (taken {Taken})")]
    private static partial void LogLeftoverLock(ILogger logger, string taken);
}
