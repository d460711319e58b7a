using CleanApp.Application.Common.Abstractions;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>The token's user through EF Core, a compiled query (SQLite; PostgreSQL reads it as plain SQL: PostgresReads).</summary>
internal sealed class TokenUsers(AppDbContext db) : ITokenUsers
{
    public Task<TokenUser?> FindAsync(Guid id, CancellationToken cancellationToken) => CompiledQueries.TokenUserAsync(db, id, cancellationToken);
}
