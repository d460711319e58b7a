using Microsoft.EntityFrameworkCore.Design;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>Lets dotnet-ef build the PostgreSQL model without starting the app (no server needed to add a migration).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        (PostgresAppDbContext)new PostgresModule(AppDbContextFactory.DesignTimeSettings(DatabaseProvider.Postgres)).CreateContext();
}
