using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Makes SQLite itself wait for a lock on every connection the app opens, for as long as Microsoft.Data.Sqlite retries
/// a statement (the connection's default timeout, 30 s). The driver retries a busy statement only while stepping it; an
/// autocommit statement whose rows are read (<c>RETURNING</c>) commits when its reader is disposed, and a commit that
/// met a reader there failed at once ("database is locked", a 503) when requests and the outbox dispatcher wrote together.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Pragma(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Pragma(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Pragma(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {((SqliteConnection)connection).DefaultTimeout * 1000}";
        return command;
    }
}
