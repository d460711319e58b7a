using CleanApp.Application.Common.Paging;
using CleanApp.Domain.Common;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// How every list reads a page through EF Core (items, users, and what cleanapp-entity generates): one owner's or
/// everyone's, newest first with the id breaking ties, starting after the cursor (keyset: the same cost at any depth)
/// or past the skip, projected into the answer's DTOs in the query, with the exact total and the next cursor.
/// PostgreSQL's plain-SQL page of items (Postgres/PostgresReads) is the one other spelling of it.
/// </summary>
internal static class OwnedLists
{
    public static IQueryable<TEntity> OwnedBy<TEntity>(this IQueryable<TEntity> query, Guid? ownerId)
        where TEntity : class, IOwnedEntity =>
        ownerId is { } owner ? query.Where(e => e.OwnerId == owner) : query;

    /// <summary>The slice <paramref name="request"/> asks for, newest first.</summary>
    public static IQueryable<TEntity> PageOf<TEntity>(this IQueryable<TEntity> query, PageRequest request)
        where TEntity : class, IListedEntity
    {
        if (request.After is { } after)
        {
            query = query.Where(e => e.CreatedAt < after.At || (e.CreatedAt == after.At && e.Id.CompareTo(after.Id) < 0));
        }

        return query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip(request.Skip).Take(request.Limit);
    }

    /// <summary>The page's DTOs with the total, and the cursor after the last one when the page is full.</summary>
    public static async Task<Page<TDto>> ToPageAsync<TDto>(
        this IQueryable<TDto> page, long total, PageRequest request, Func<TDto, PageCursor> position, CancellationToken cancellationToken)
    {
        var data = await page.ToListAsync(cancellationToken);
        return new Page<TDto>(data, checked((int)total), PageCursor.After(data, request.Limit, position));
    }
}
