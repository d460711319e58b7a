using System.Diagnostics;
using CleanApp.Application.Auth;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// PostgreSQL: one data source (one connection pool) for EF Core, the plain-SQL hot reads and the shared rate-limit
/// counters; an advisory lock for schema changes; pg_dump and pg_restore for backups.
/// </summary>
internal sealed class PostgresModule(DatabaseSettings settings) : DatabaseProviderModule(settings)
{
    // Any fixed number works: all CleanApp processes ask for the same one ("CleanApp" in ASCII).
    private const long SchemaLockKey = 0x436C65616E417070;

    public override string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(Settings.ConnectionString);
        return $"PostgreSQL database '{builder.Database}' at {builder.Host}:{builder.Port} (user '{builder.Username}')";
    }

    public override IReadOnlyList<string> SecretSettings => ["POSTGRES_PASSWORD"];

    private string Database => new NpgsqlConnectionStringBuilder(Settings.ConnectionString).Database!;

    public override AppDbContext CreateContext(TimeProvider? timeProvider = null)
    {
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        Configure(options).AddInterceptors(new AuditInterceptor(timeProvider ?? TimeProvider.System, new NoWriteConditions()));
        return new PostgresAppDbContext(options.Options);
    }

    internal override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, IServiceProvider? services = null)
    {
        _ = services is null ? options.UseNpgsql(Settings.ConnectionString) : options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>());
        return options.UseSnakeCaseNamingConvention();
    }

    internal override AppDbContext RentContext(IServiceProvider services) => services.GetRequiredService<PostgresAppDbContext>();

    /// <summary>One data source (one connection pool) for EF Core's pooled contexts, the plain-SQL reads and the counters.</summary>
    internal static void AddServices(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddDbContextPool<PostgresAppDbContext>(configure);
        services.AddSingleton<PostgresReads>();
        services.AddScoped<PostgresItemQueries>();
        services.AddSingleton<PostgresRateLimitCounter>();
        services.AddSingleton<PostgresThrottles>();
    }

    // The scope's context is this module's (RentContext).
    internal override Task<Domain.Items.Item?> FindItemAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        CompiledQueries<PostgresAppDbContext>.Item((PostgresAppDbContext)db, id, cancellationToken);

    internal override IItemQueries ItemQueries(IServiceProvider services) => services.GetRequiredService<PostgresItemQueries>();

    internal override ITokenUsers TokenUsers(IServiceProvider services) => services.GetRequiredService<PostgresReads>();

    /// <summary>One statement: the due messages no other instance holds (<c>SKIP LOCKED</c>), leased and counted.</summary>
    internal override async Task<IReadOnlyList<Outbox.ClaimedMessage>> ClaimOutboxAsync(
        IServiceProvider services, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        const string Claim = """
            WITH due AS (
                SELECT id FROM outbox_messages
                WHERE dispatched_at IS NULL AND dead_at IS NULL AND available_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
                ORDER BY available_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED)
            UPDATE outbox_messages m SET locked_until = $2, attempts = m.attempts + 1
            FROM due WHERE m.id = due.id
            RETURNING m.id, m.event_type, m.handler, m.payload, m.attempts, m.occurred_at
            """;
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(Claim);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<Outbox.ClaimedMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return claimed;
    }

    /// <summary>A session advisory lock per job name, tried not waited for; the server releases it if the process dies.</summary>
    internal override async Task<bool> RunAloneAsync(IServiceProvider services, string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var key = JobLockKey(job);
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using (var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = key } } })
        {
            if (await attempt.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }

        try
        {
            await work(cancellationToken);
            return true;
        }
        finally
        {
            // The pooled connection goes back without the lock.
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = key } } };
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>A stable 64-bit key per job name (FNV-1a), apart from the schema lock's.</summary>
    internal static long JobLockKey(string job)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in job)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash) == SchemaLockKey ? unchecked((long)hash) + 1 : unchecked((long)hash);
    }

    internal override IThrottles Throttles(IServiceProvider services) => services.GetRequiredService<PostgresThrottles>();

    // Counted in the database: one budget for all instances (ADR 0010).
    internal override RateLimitStore RateLimitStore(IServiceProvider services) => new(services.GetRequiredService<PostgresRateLimitCounter>());

    internal override async Task<(bool Reachable, bool Exists, string Problem)> ProbeAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false, Timeout = 5 };
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
                $"The {Describe()} refused the login: {e.MessageText}. Check POSTGRES_USER and POSTGRES_PASSWORD in .env or the environment.", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return (false, false, e.Message);
        }
    }

    /// <summary>When several migrators race to create the database, one wins and the rest go on.</summary>
    internal override async Task EnsureDatabaseExistsAsync(AppDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
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
    internal override Task<string?> ReleaseLeftoverMigrationLockAsync(AppDbContext db, Func<string, Task<bool>> tableExists, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    internal override (string Sql, object Table) TableExistsQuery(string table) => ("SELECT to_regclass(@table) IS NOT NULL", $"\"{table}\"");

    /// <summary>A session advisory lock on a dedicated connection (released by the server if the process dies).</summary>
    internal override async Task<IAsyncDisposable> AcquireSchemaLockAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // Not pooled: closing this connection must end the session, and with it the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false }.ConnectionString);
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

    internal override (string Name, string Extension) BackupNaming => (Database, ".dump");

    /// <summary><c>pg_dump</c> in its custom format (the PostgreSQL client tools, from PATH or <c>PG_BIN</c>).</summary>
    internal override Task BackupAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken) =>
        RunAsync(backups, "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}"], progress, cancellationToken);

    /// <summary>An empty public schema (so nothing created after the backup survives), then <c>pg_restore</c>.</summary>
    internal override async Task RestoreAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false }.ConnectionString))
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
        var connection = new NpgsqlConnectionStringBuilder(Settings.ConnectionString);
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
