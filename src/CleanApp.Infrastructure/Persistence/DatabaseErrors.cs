using System.Net.Sockets;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// What a database failure means, each provider's module telling its own errors apart (PostgresErrors, SqliteErrors):
/// a passing fault (the database unreachable, restarting, out of connections, busy, too slow) is a 503 and is retried
/// where that is safe; a value the client sent that the database cannot store is a 400; a broken unique index is a
/// concurrent write that got there first. Anything else is not transient: a bug.
/// </summary>
internal abstract class DatabaseErrors : IFaultClassifier
{
    public bool IsTransient(Exception exception) => Any(exception, e => e is TimeoutException or SocketException || IsPassing(e));

    public bool IsUnstorableInput(Exception exception) => Any(exception, IsUnstorable);

    /// <summary>The save broke a unique index or a primary key: another request got there first.</summary>
    public bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException is { } inner && BreaksUniqueness(inner);

    /// <summary>A passing fault of this provider's (the exception itself, not its inner ones).</summary>
    protected abstract bool IsPassing(Exception exception);

    /// <summary>The database refused a value it cannot store.</summary>
    protected abstract bool IsUnstorable(Exception exception);

    /// <summary>A unique index or primary key refused the row.</summary>
    protected abstract bool BreaksUniqueness(Exception exception);

    private static bool Any(Exception exception, Func<Exception, bool> test)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (test(e))
            {
                return true;
            }
        }

        return false;
    }
}
