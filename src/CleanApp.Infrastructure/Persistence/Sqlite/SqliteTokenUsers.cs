using CleanApp.Application.Auth;
using CleanApp.Infrastructure.Identity;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The token's user, session, roles and permissions on SQLite: a compiled query and the grants' shared query (SQLite
/// cannot correlate a list in one; both are in-process reads). PostgreSQL reads them in one statement: PostgresReads.
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

        var grants = Grants.Of(await Grants.Rows(db).Where(g => g.UserId == userId).AsNoTracking().ToListAsync(cancellationToken));
        return grants.Roles.Count == 0 ? user : user with { Roles = grants.Roles, Permissions = grants.Permissions };
    }
}
