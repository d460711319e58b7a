using CleanApp.Application.Auth;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite, one process owning a file: every read through EF Core, rate limits counted in memory, a lock file beside
/// the database for schema changes, SQLite's online backup for backups.
/// </summary>
internal sealed class SqliteModule(DatabaseSettings settings) : DatabaseProviderModule(settings)
{
    private const string EfMigrationsLockTable = "__EFMigrationsLock";

    public override string Describe() => $"SQLite database at {Path}";

    public override IReadOnlyList<string> SecretSettings => [];

    private string Path => new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;

    public override AppDbContext CreateContext(TimeProvider? timeProvider = null)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        Configure(options).AddInterceptors(new AuditInterceptor(timeProvider ?? TimeProvider.System, new NoWriteConditions()));
        return new SqliteAppDbContext(options.Options);
    }

    internal override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, IServiceProvider? services = null) =>
        options.UseSqlite(Settings.ConnectionString).UseSnakeCaseNamingConvention().AddInterceptors(SqliteBusyTimeout.Instance);

    internal override AppDbContext RentContext(IServiceProvider services) => services.GetRequiredService<SqliteAppDbContext>();

    /// <summary>A context pool on the file; nothing else: every read goes through EF Core.</summary>
    internal static void AddServices(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.AddDbContextPool<SqliteAppDbContext>(configure);
        services.AddScoped<SqliteTokenUsers>();
        services.AddScoped<SqliteThrottles>();
    }

    // The scope's context is this module's (RentContext).
    internal override Task<Domain.Items.Item?> FindItemAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        CompiledQueries<SqliteAppDbContext>.Item((SqliteAppDbContext)db, id, cancellationToken);

    internal override IItemQueries ItemQueries(IServiceProvider services) => services.GetRequiredService<ItemQueries>();

    internal override ITokenUsers TokenUsers(IServiceProvider services) => services.GetRequiredService<SqliteTokenUsers>();

    /// <summary>One process owns the file: the due messages, leased and counted in one save.</summary>
    internal override async Task<IReadOnlyList<Outbox.ClaimedMessage>> ClaimOutboxAsync(
        IServiceProvider services, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var due = await db.Set<Outbox.OutboxMessage>()
            .Where(m => m.DispatchedAt == null && m.DeadAt == null && m.AvailableAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.AvailableAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            message.LockedUntil = leaseUntil;
            message.Attempts++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return [.. due.Select(m => new Outbox.ClaimedMessage(m.Id, m.EventType, m.Handler, m.Payload, m.Attempts, m.OccurredAt))];
    }

    // One process owns the file: nobody else to run it.
    internal override async Task<bool> RunAloneAsync(IServiceProvider services, string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await work(cancellationToken);
        return true;
    }

    internal override IThrottles Throttles(IServiceProvider services) => services.GetRequiredService<SqliteThrottles>();

    // One process owns the file: counted in its memory.
    internal override RateLimitStore RateLimitStore(IServiceProvider services) => new(Shared: null);

    internal override Task<(bool Reachable, bool Exists, string Problem)> ProbeAsync(CancellationToken cancellationToken)
    {
        var path = Path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DatabaseUnavailableException(
                $"The folder of the {Describe()} does not exist. Create it, or point SQLITE_PATH somewhere else.");
        }

        if (!File.Exists(path))
        {
            return Task.FromResult((true, false, string.Empty));
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(Settings.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            command.ExecuteScalar();
            return Task.FromResult((true, true, string.Empty));
        }
        catch (SqliteException e)
        {
            throw new DatabaseUnavailableException($"The {Describe()} cannot be read: {e.Message} Check SQLITE_PATH.", e);
        }
    }

    // The file is created by the first connection that writes.
    internal override Task EnsureDatabaseExistsAsync(AppDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// EF Core's SQLite migration lock is a row in a table: a migrator killed while holding it leaves the row, and every
    /// later migration would wait for it forever. Called while holding the schema lock, so no CleanApp migrator can own
    /// such a row: it is left over, and is removed.
    /// </summary>
    internal override async Task<string?> ReleaseLeftoverMigrationLockAsync(AppDbContext db, Func<string, Task<bool>> tableExists, CancellationToken cancellationToken)
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

    internal override (string Sql, object Table) TableExistsQuery(string table) =>
        ("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = @table", table);

    /// <summary>An exclusive lock on a file beside the database (released by the OS if the process dies).</summary>
    internal override async Task<IAsyncDisposable> AcquireSchemaLockAsync(IProgress<string>? progress, CancellationToken cancellationToken)
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

    internal override (string Name, string Extension) BackupNaming => (System.IO.Path.GetFileNameWithoutExtension(Path), ".db");

    /// <summary>SQLite's online backup: a consistent copy while in use.</summary>
    internal override Task BackupAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var source = Open(Settings.ConnectionString, SqliteOpenMode.ReadOnly);
        using var target = Open(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
        return Task.CompletedTask;
    }

    internal override Task RestoreAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var source = Open(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, SqliteOpenMode.ReadOnly);
        using var target = Open(Settings.ConnectionString, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
        return Task.CompletedTask;
    }

    private static SqliteConnection Open(string connectionString, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = mode, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
