using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// Lists of items on PostgreSQL: one owner's page, the hot path, as plain SQL (<see cref="PostgresReads"/>, no context
/// rented); everyone's items (a superuser) through EF Core (<see cref="ItemQueries"/>).
/// </summary>
internal sealed class PostgresItemQueries(PostgresReads reads, IServiceProvider services) : IItemQueries
{
    public Task<Page<ItemDto>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken) => ownerId is { } owner
        ? reads.OwnerPageAsync(owner, request, cancellationToken)
        : services.GetRequiredService<ItemQueries>().ListAsync(null, request, cancellationToken);
}
