using CleanApp.Application.Items;
using CleanApp.Domain.Common;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Persistence.Outbox;
using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>
/// Items' writes on PostgreSQL as plain SQL on the app's data source, one statement each and no item loaded first
/// (ADR 0019): the create with its audit fields, version 1 and its events' outbox messages (one batch, one transaction);
/// the edit as one conditional UPDATE ... RETURNING; the delete as one conditional DELETE. The conditions are the
/// owner (<see cref="Item.OwnerScope"/>) and the versions the request's If-Match accepts; an edit that changes nothing
/// matches no row, as EF Core saves no new version for it. Only a write that matched no row reads the item, to say why.
/// The per-owner counts are the database's trigger's, as for every write. Reads, and a write whose events this store
/// does not write (a handled <see cref="ItemDeleted"/>, which needs the loaded item; a deduplicated event), go through
/// EF Core (<see cref="ItemRepository"/>), rented only then.
/// </summary>
internal sealed class PostgresItemRepository(
    NpgsqlDataSource dataSource, IServiceProvider services, OutboxWriter outbox, TimeProvider timeProvider, IWriteConditions conditions, ICurrentUser? currentUser = null)
    : IItemRepository
{
    internal const string Columns = "id, title, description, owner_id, created_at, created_by, updated_at, updated_by, version";

    internal const string InsertSql =
        "INSERT INTO items (id, owner_id, title, description, created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $5, $6, 1)";

    private const string InsertMessageSql =
        "INSERT INTO outbox_messages (id, event_type, handler, payload, deduplication_key, occurred_at, available_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)";

    // $1 id, $2 the owner or null, $3 the accepted versions or null; the edit: $4 sets the title to $5, $6 the description to $7.
    private const string OfOwner = "id = $1 AND owner_id = coalesce($2, owner_id)";

    private const string Owned = OfOwner + " AND ($3::integer[] IS NULL OR version = ANY ($3))";

    private const string UpdateSql =
        "UPDATE items SET title = CASE WHEN $4 THEN $5 ELSE title END, description = CASE WHEN $6 THEN $7 ELSE description END, " +
        "updated_at = $8, updated_by = $9, version = version + 1 " +
        "WHERE " + Owned + " AND (($4 AND title IS DISTINCT FROM $5) OR ($6 AND description IS DISTINCT FROM $7)) RETURNING " + Columns;

    private const string DeleteSql = "DELETE FROM items WHERE " + Owned;

    // Why a write matched no row: the item, if it is there for that owner ($1 id, $2 the owner or null), at any version.
    private const string UnchangedSql = "SELECT " + Columns + " FROM items WHERE " + OfOwner;

    private ItemRepository Loaded => services.GetRequiredService<ItemRepository>();

    public Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken) => Loaded.FindAsync(id, cancellationToken);

    public async Task<ItemDto> AddAsync(Item item, CancellationToken cancellationToken)
    {
        if (item.DomainEvents.Any(e => e is IDeduplicatedEvent))
        {
            return await Loaded.AddAsync(item, cancellationToken);
        }

        var now = AuditInterceptor.Now(timeProvider);
        var actor = currentUser?.User?.Id;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertSql)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = item.Id },
                new NpgsqlParameter<Guid> { TypedValue = item.OwnerId },
                new NpgsqlParameter<string> { TypedValue = item.Title },
                new NpgsqlParameter<string?> { TypedValue = item.Description },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
                new NpgsqlParameter<Guid?> { TypedValue = actor },
            },
        });
        foreach (var message in item.DomainEvents.SelectMany(outbox.MessagesOf))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertMessageSql)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = message.Id },
                    new NpgsqlParameter<string> { TypedValue = message.EventType },
                    new NpgsqlParameter<string> { TypedValue = message.Handler },
                    new NpgsqlParameter<string> { TypedValue = message.Payload },
                    new NpgsqlParameter<string?> { TypedValue = message.DeduplicationKey },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = message.OccurredAt },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = message.AvailableAt },
                },
            });
        }

        // One batch is one implicit transaction: the item and its messages commit together or not at all.
        await batch.ExecuteNonQueryAsync(cancellationToken);
        item.ClearDomainEvents();
        if (batch.BatchCommands.Count > 1)
        {
            outbox.Committed();
        }

        return new ItemDto(item.Id, item.Title, item.Description, item.OwnerId, now, actor, now, actor, 1);
    }

    public async Task<ItemDto?> EditAsync(Guid id, ItemEdit edit, Guid? owner, CancellationToken cancellationToken)
    {
        await using var command = Conditional(UpdateSql, id, owner);
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = edit.Title is not null });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = edit.Title });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = edit.SetsDescription });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = edit.Description });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = AuditInterceptor.Now(timeProvider) });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = currentUser?.User?.Id });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return PostgresReads.ItemAt(reader);
            }
        }

        return await UnchangedAsync(id, owner, cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, Guid? owner, CancellationToken cancellationToken)
    {
        if (outbox.IsHandled(typeof(ItemDeleted)))
        {
            return await Loaded.DeleteAsync(id, owner, cancellationToken);
        }

        await using var command = Conditional(DeleteSql, id, owner);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return true;
        }

        await UnchangedAsync(id, owner, cancellationToken);
        return false;
    }

    /// <summary>
    /// Why a write matched no row, one plain read (an edit that changes nothing, e.g. a form sent back as it was, takes
    /// this path: it is not rare): no such item of that owner (null); another version than the request accepts (412,
    /// thrown); else the item as it is.
    /// </summary>
    private async Task<ItemDto?> UnchangedAsync(Guid id, Guid? owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UnchangedSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = owner });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var item = PostgresReads.ItemAt(reader);
        conditions.Check(item.Version);
        return item;
    }

    private NpgsqlCommand Conditional(string sql, Guid id, Guid? owner)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<int[]?> { TypedValue = conditions.AcceptedVersions is { } versions ? [.. versions] : null });
        return command;
    }
}
