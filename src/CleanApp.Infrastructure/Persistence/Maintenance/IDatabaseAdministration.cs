namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>What the schema lifecycle asks of the database server, each provider's module in its own way.</summary>
public interface IDatabaseAdministration
{
    /// <summary>Whether the server answers and the database exists; a problem that waiting cannot fix throws.</summary>
    Task<(bool Reachable, bool Exists, string Problem)> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Creates the database if this provider needs it created before migrating (a server's database).</summary>
    Task EnsureDatabaseExistsAsync(AppDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>Removes a migration lock of EF Core's that an interrupted migrator left behind; answers when it was taken, if one was.</summary>
    Task<string?> ReleaseLeftoverMigrationLockAsync(AppDbContext db, Func<string, Task<bool>> tableExists, CancellationToken cancellationToken);

    /// <summary>The query that tells whether a table exists, with its one parameter's value.</summary>
    (string Sql, object Table) TableExistsQuery(string table);

    /// <summary>One schema changer at a time per database, across processes and machines (see the modules).</summary>
    Task<IAsyncDisposable> AcquireSchemaLockAsync(IProgress<string>? progress, CancellationToken cancellationToken);

    /// <summary>Closes the idle pooled connections (before the database is dropped).</summary>
    void ClearPools();
}
