using CleanApp.Application.Auth;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The token's user, session, roles and permissions on SQLite: two compiled queries (SQLite cannot correlate a list in
/// one; both are in-process reads). PostgreSQL reads them in one statement: PostgresReads.
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

        var grants = new List<RoleGrant>();
        await foreach (var grant in CompiledQueries<SqliteAppDbContext>.Grants(db, userId).WithCancellation(cancellationToken))
        {
            grants.Add(grant);
        }

        return grants.Count == 0 ? user : user with { Roles = [.. grants.Select(g => g.Role).Distinct()], Permissions = [.. grants.Select(g => g.Permission).OfType<string>()] };
    }
}
