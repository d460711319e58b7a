using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>The model on SQLite; migrations in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    internal override CompiledQueries Compiled => CompiledQueries<SqliteAppDbContext>.Untyped;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or sort DateTimeOffset text; as UTC ticks it can, at full precision.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>Stores a point in time as its UTC ticks: exact, and sortable by the database. Reads back with offset zero.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
