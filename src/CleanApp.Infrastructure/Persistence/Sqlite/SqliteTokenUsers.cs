using CleanApp.Application.Common.Abstractions;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>The token's user on SQLite: a compiled query (PostgreSQL reads it as plain SQL: PostgresReads).</summary>
internal sealed class SqliteTokenUsers(SqliteAppDbContext db) : ITokenUsers
{
    public Task<TokenUser?> FindAsync(Guid id, CancellationToken cancellationToken) => CompiledQueries<SqliteAppDbContext>.TokenUser(db, id, cancellationToken);
}
