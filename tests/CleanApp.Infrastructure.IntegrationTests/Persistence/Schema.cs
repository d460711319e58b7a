using System.Data.Common;
using CleanApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

/// <summary>A database's schema as comparable text: tables, columns, indexes and constraints.</summary>
internal static class Schema
{
    private const string Postgres = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '-')
               || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '-')
          FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL
        SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL
        SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(oid)
          FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        ORDER BY 1
        """;

    private const string Sqlite = "SELECT type || ' ' || name || ': ' || coalesce(sql, '-') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1";

    public static async Task<List<string>> ReadAsync(AppDbContext db) =>
        await QueryAsync(db, db.Database.IsNpgsql() ? Postgres : Sqlite);

    /// <summary>The app's own tables, leaving out EF Core's bookkeeping (migration history and lock).</summary>
    public static async Task<List<string>> TablesAsync(AppDbContext db) =>
        await QueryAsync(db, db.Database.IsNpgsql()
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%' ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\' ORDER BY 1");

    private static async Task<List<string>> QueryAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
