using CleanApp.Application.Common.Abstractions;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The token's user, session and permissions on SQLite: two compiled queries (SQLite cannot correlate a list in one;
/// both are in-process reads). PostgreSQL reads them in one statement: PostgresReads.
/// </summary>
internal sealed class SqliteTokenUsers(SqliteAppDbContext db, TimeProvider timeProvider) : ITokenUsers
{
    public async Task<TokenUser?> FindAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var user = await CompiledQueries<SqliteAppDbContext>.TokenUser(db, userId, sessionId, timeProvider.GetUtcNow(), cancellationToken);
        if (user is null)
        {
            return null;
        }

        var permissions = new List<string>();
        await foreach (var permission in CompiledQueries<SqliteAppDbContext>.Permissions(db, userId).WithCancellation(cancellationToken))
        {
            permissions.Add(permission);
        }

        return user with { Permissions = permissions };
    }
}
