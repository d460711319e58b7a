using CleanApp.Application.Auth;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Identity;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// The two reads every listing request makes on PostgreSQL, written as plain SQL on the app's data source: the
/// token's user, their roles, permissions and session, and the owner's page with its count. They skip EF Core's query pipeline (command setup,
/// materialization, the domain entity and its mapping), the largest share of the CPU these requests cost; results
/// come straight into what the caller needs. Everything else goes through EF Core (items' writes: PostgresItemRepository). The SQL is
/// checked against the model by the functional tests (both paths answer the same pages) and the migration tests.
/// </summary>
internal sealed class PostgresReads(NpgsqlDataSource dataSource, TimeProvider timeProvider) : ITokenUsers
{
    // The grants as Identity's Grants shapes them for EF Core: the custom roles (not the built-in one) and their permission claims.
    private static readonly string TokenUserSql =
        "SELECT u.is_active, u.is_superuser, EXISTS (SELECT 1 FROM sessions s WHERE s.id = $2 AND s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $3), " +
        $"ARRAY (SELECT o.name FROM user_roles r JOIN roles o ON o.id = r.role_id WHERE r.user_id = $1 AND o.normalized_name <> '{RoleRepository.AdminNormalizedName}'), " +
        $"ARRAY (SELECT c.claim_value FROM user_roles r JOIN role_claims c ON c.role_id = r.role_id WHERE r.user_id = $1 AND c.claim_type = '{PermissionCatalog.ClaimType}') " +
        "FROM users u WHERE u.id = $1";
    private const string CountSql = "SELECT count FROM item_counts WHERE owner_id = $1";
    private const string PageColumns = "SELECT id, title, description, created_at, created_by, updated_at, updated_by, version FROM items WHERE owner_id = $1";
    private const string PageOrder = " ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3";
    private const string PageSql = PageColumns + PageOrder;
    private const string PageAfterSql = PageColumns + " AND (created_at, id) < ($4, $5)" + PageOrder;

    public async Task<TokenUser?> FindAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(TokenUserSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = timeProvider.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new TokenUser(reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4)) : null;
    }

    /// <summary>An item's row read as <c>id, title, description, owner_id, created_at, created_by, updated_at, updated_by, version</c>.</summary>
    public static ItemDto ItemAt(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetGuid(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetGuid(7), reader.GetInt32(8));

    /// <summary>The owner's page, newest first, and their exact count (kept by the database: ADR 0007), in one round trip.</summary>
    public async Task<Page<ItemDto>> OwnerPageAsync(Guid ownerId, PageRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand(CountSql) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = ownerId } } };
        var page = new NpgsqlBatchCommand(request.After is null ? PageSql : PageAfterSql)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = ownerId },
                new NpgsqlParameter<int> { TypedValue = request.Skip },
                new NpgsqlParameter<int> { TypedValue = request.Limit },
            },
        };
        if (request.After is { } after)
        {
            page.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = after.At });
            page.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after.Id });
        }

        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var total = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        var items = new List<ItemDto>(request.Limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ItemDto(
                reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), ownerId,
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetInt32(7)));
        }

        return new Page<ItemDto>(items, checked((int)total), PageCursor.After(items, request.Limit, i => new PageCursor(i.CreatedAt, i.Id)));
    }
}
