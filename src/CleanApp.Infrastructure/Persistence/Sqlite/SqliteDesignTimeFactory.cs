using Microsoft.EntityFrameworkCore.Design;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>Lets dotnet-ef build the SQLite model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        (SqliteAppDbContext)new SqliteModule(AppDbContextFactory.DesignTimeSettings(DatabaseProvider.Sqlite)).CreateContext();
}
