using CleanApp.Application.Common.Abstractions;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>The token's user and session on SQLite: a compiled query (PostgreSQL reads it as plain SQL: PostgresReads).</summary>
internal sealed class SqliteTokenUsers(SqliteAppDbContext db, TimeProvider timeProvider) : ITokenUsers
{
    public Task<TokenUser?> FindAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken) =>
        CompiledQueries<SqliteAppDbContext>.TokenUser(db, userId, sessionId, timeProvider.GetUtcNow(), cancellationToken);
}
