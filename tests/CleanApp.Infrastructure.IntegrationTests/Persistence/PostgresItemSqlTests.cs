using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

/// <summary>PostgreSQL's plain-SQL item store names its columns itself (ADR 0019): a column the model gains must be in it.</summary>
public class PostgresItemSqlTests
{
    [Fact]
    public void The_item_stores_sql_names_every_column_the_model_maps()
    {
        using var db = DatabaseProviderModule.For(new DatabaseSettings(DatabaseProvider.Postgres, "Host=unused;Database=unused")).CreateContext();
        var columns = db.Model.FindEntityType(typeof(Item))!.GetProperties().Select(p => p.GetColumnName()).Order().ToList();

        var inserted = PostgresItemRepository.InsertSql[(PostgresItemRepository.InsertSql.IndexOf('(', StringComparison.Ordinal) + 1)..PostgresItemRepository.InsertSql.IndexOf(')', StringComparison.Ordinal)];
        Assert.Equal(columns, inserted.Split(", ").Order());
        Assert.Equal(columns, PostgresItemRepository.Columns.Split(", ").Order());
        Assert.Contains("version", columns); // the model was read
    }
}
