using System.Net.Sockets;
using CleanApp.Application.Common.Abstractions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The database faults that pass: PostgreSQL unreachable, shutting down or restarting, out of connections, a
/// connection broken under a pooled context, a command or a connection attempt that timed out (POSTGRES_*_TIMEOUT);
/// SQLite busy or locked. Anything else (a constraint, a bug in a query) is not transient. Also: which refusals are
/// about a value the client sent that the database cannot store.
/// </summary>
internal sealed class DatabaseFaults : IFaultClassifier
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public bool IsTransient(Exception exception) => IsDatabaseUnavailable(exception);

    // PostgreSQL's text cannot hold a NUL character; it refuses one with 22021 (character_not_in_repertoire), from a
    // body, a form, a query or a path alike.
    public bool IsUnstorableInput(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql marks as transient: I/O and socket errors, timeouts, and the server states of SQLSTATE
                // classes 08 (connection), 53 (insufficient resources) and 57P0x (shutting down, cannot connect now).
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case TimeoutException or SocketException:
                    return true;
            }
        }

        return false;
    }
}
