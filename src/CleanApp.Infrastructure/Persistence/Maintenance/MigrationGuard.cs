using System.Reflection;
using System.Text.RegularExpressions;
using CleanApp.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>An operation of a migration that loses data or breaks instances still running the previous version.</summary>
public sealed record MigrationFinding(string MigrationId, string Operation, string Risk, string? AcceptedBecause)
{
    public bool Accepted => !string.IsNullOrWhiteSpace(AcceptedBecause);

    public override string ToString() =>
        $"{MigrationId}: {Operation} — {Risk}{(Accepted ? $" (accepted: {AcceptedBecause})" : string.Empty)}";
}

/// <summary>
/// Reads the <c>Up</c> operations of committed migrations and flags those that lose data or break running older
/// instances: dropping a table or column, renaming one, changing a column's type or narrowing it, making a column
/// NOT NULL or adding one without a default, and raw SQL that drops, deletes, truncates or renames. A migration marked
/// <see cref="AcceptedDestructiveChangeAttribute"/> with a reason is reported but not refused.
/// </summary>
public static partial class MigrationGuard
{
    /// <summary>Every committed migration of the context's provider.</summary>
    public static IReadOnlyList<MigrationFinding> Check(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var migrations = db.GetService<IMigrationsAssembly>();
        var provider = db.Database.ProviderName!;
        return [.. migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal)
            .SelectMany(m => Check(m.Key, migrations.CreateMigration(m.Value, provider)))];
    }

    public static IReadOnlyList<MigrationFinding> Check(string migrationId, Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var accepted = migration.GetType().GetCustomAttribute<AcceptedDestructiveChangeAttribute>()?.Reason;
        var created = migration.UpOperations.OfType<CreateTableOperation>().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return [.. migration.UpOperations
            .Select(operation => Assess(operation, created))
            .OfType<(string Operation, string Risk)>()
            .Select(f => new MigrationFinding(migrationId, f.Operation, f.Risk, accepted))];
    }

    private static (string Operation, string Risk)? Assess(MigrationOperation operation, HashSet<string> createdTables) => operation switch
    {
        DropTableOperation t => ($"drop table {t.Name}", "loses the table's data; instances of the previous version still use it"),
        DropColumnOperation c => ($"drop column {c.Table}.{c.Name}", "loses the column's data; instances of the previous version still read and write it"),
        RenameTableOperation t => ($"rename table {t.Name} to {t.NewName}", "instances of the previous version still use the old name"),
        RenameColumnOperation c => ($"rename column {c.Table}.{c.Name} to {c.NewName}", "instances of the previous version still use the old name"),
        AlterColumnOperation c when Narrowing(c) is { } risk => ($"alter column {c.Table}.{c.Name}", risk),
        AddColumnOperation c when !createdTables.Contains(c.Table) && !c.IsNullable && c.DefaultValue is null && c.DefaultValueSql is null && c.ComputedColumnSql is null
            => ($"add column {c.Table}.{c.Name} NOT NULL without a default", "fails on a table that has rows; inserts by the previous version fail"),
        SqlOperation s when DangerousSql().IsMatch(s.Sql) => ($"SQL \"{FirstLine(s.Sql)}\"", "raw SQL that drops, deletes, truncates or renames"),
        _ => null,
    };

    private static string? Narrowing(AlterColumnOperation column)
    {
        var old = column.OldColumn;
        if (column.MaxLength is { } length && (old.MaxLength is null || old.MaxLength > length))
        {
            return $"narrows the column to {length} characters: longer values are cut or refused";
        }

        if ((column.Precision ?? int.MaxValue) < (old.Precision ?? int.MaxValue) || (column.Scale ?? int.MaxValue) < (old.Scale ?? int.MaxValue))
        {
            return "narrows the column's precision: values may be rounded or refused";
        }

        if (old.ClrType != column.ClrType || BaseType(old.ColumnType) != BaseType(column.ColumnType))
        {
            return $"changes the column's type ({old.ColumnType ?? old.ClrType.Name} to {column.ColumnType ?? column.ClrType.Name}): values may not convert, and the previous version writes the old type";
        }

        if (old.IsNullable && !column.IsNullable && column.DefaultValue is null && column.DefaultValueSql is null)
        {
            return "makes the column NOT NULL: existing NULLs make it fail, and the previous version may still write NULL";
        }

        return null;
    }

    /// <summary>"character varying(255)" → "character varying": a length change is judged by MaxLength, not as a type change.</summary>
    private static string? BaseType(string? columnType) =>
        columnType is null ? null : ParenthesizedPart().Replace(columnType, string.Empty).Trim().ToUpperInvariant();

    private static string FirstLine(string sql)
    {
        var line = sql.Trim().Split('\n')[0].Trim();
        return line.Length > 80 ? line[..80] + "..." : line;
    }

    // DELETE as a statement (DELETE FROM), not as the event of a trigger (AFTER DELETE) or a foreign key (ON DELETE).
    [GeneratedRegex(@"\b(DROP|TRUNCATE|RENAME)\b|\bDELETE\s+FROM\b", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousSql();

    [GeneratedRegex(@"\(.*\)")]
    private static partial Regex ParenthesizedPart();
}
