using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.IntegrationTests.Maintenance;

public class MigrationLockTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sqlite_migration_lock_left_by_a_killed_migrator_is_removed_and_the_migration_completes()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "leftoverlock");
        await using var services = InfrastructureServices.For(database);
        var first = await services.InScopeAsync<AppDbContext, string>(db => Task.FromResult(db.Database.GetMigrations().First()));
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(first, backup: false, null, Token));
        // What EF Core leaves when the process dies between taking its lock and releasing it.
        await services.InScopeAsync<AppDbContext, int>(db =>
            db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00Z')", Token));

        var result = await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token))
            .WaitAsync(TimeSpan.FromSeconds(60), Token);

        Assert.NotEmpty(result.Applied);
        Assert.Contains(result.Notes ?? [], n => n.Contains("Removed a migration lock left by an interrupted migrator", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Status_shows_when_and_where_each_migration_was_applied(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "applieddates");
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        await using var services = InfrastructureServices.For(database, clock: clock);

        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var status = await services.InScopeAsync<DatabaseMaintenance, DatabaseStatus>(m => m.GetStatusAsync(Token));

        Assert.All(status.Migrations, m =>
        {
            Assert.Equal(clock.Now, m.AppliedAt);
            Assert.Equal(Environment.MachineName, m.AppliedBy);
        });
    }
}
