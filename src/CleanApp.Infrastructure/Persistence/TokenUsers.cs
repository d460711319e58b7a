using CleanApp.Infrastructure.Persistence.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The user a bearer token names, as the per-request check reads it: plain SQL on PostgreSQL (<see cref="PostgresReads"/>),
/// a compiled query on SQLite.
/// </summary>
public sealed class TokenUsers
{
    private readonly IServiceProvider services;
    private readonly PostgresReads? postgres;

    internal TokenUsers(IServiceProvider services, PostgresReads? postgres)
    {
        this.services = services;
        this.postgres = postgres;
    }

    public Task<TokenUser?> FindAsync(Guid id, CancellationToken cancellationToken) => postgres is not null
        ? postgres.TokenUserAsync(id, cancellationToken)
        : CompiledQueries.TokenUserAsync(services.GetRequiredService<AppDbContext>(), id, cancellationToken);
}
