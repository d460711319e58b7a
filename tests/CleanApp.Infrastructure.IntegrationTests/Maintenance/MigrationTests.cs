using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.IntegrationTests.Persistence;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Maintenance;

/// <summary>The committed migrations of both providers, run for real.</summary>
public class MigrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrations_go_from_empty_to_head_back_to_empty_and_to_head_again_with_the_same_schema(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "updown");
        await using var services = InfrastructureServices.For(database);
        await using var scope = services.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);

        var up = await maintenance.MigrateAsync(null, backup: false, null, Token);
        Assert.Equal(all, up.Applied);
        var head = await Schema.ReadAsync(db);
        Assert.Contains(head, line => line.Contains("items", StringComparison.Ordinal));

        var down = await maintenance.MigrateAsync("0", backup: false, null, Token);
        Assert.Equal(Enumerable.Reverse(all), down.Reverted);
        Assert.Empty(await Schema.TablesAsync(db));

        var again = await maintenance.MigrateAsync(null, backup: false, null, Token);
        Assert.Equal(all, again.Applied);
        Assert.Equal(head, await Schema.ReadAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_model_has_no_change_that_a_committed_migration_does_not_cover(DatabaseProvider provider)
    {
        // Builds the model and compares it with the provider's snapshot; no database is touched.
        using var db = AppDbContextFactory.Create(AppDbContextFactory.DesignTimeSettings(provider));

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration. Run: build/db.sh add-migration <Name>");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_table_the_migrations_create_is_in_the_model_and_the_model_has_no_other(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "modeltables");
        await using var services = InfrastructureServices.For(database);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync(null, backup: false, null, Token);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var inModel = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(inModel, await Schema.TablesAsync(db));
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_in_the_same_order()
    {
        using var postgres = AppDbContextFactory.Create(AppDbContextFactory.DesignTimeSettings(DatabaseProvider.Postgres));
        using var sqlite = AppDbContextFactory.Create(AppDbContextFactory.DesignTimeSettings(DatabaseProvider.Sqlite));

        var postgresNames = postgres.Database.GetMigrations().Select(DatabaseMaintenance.NameOf).ToList();
        var sqliteNames = sqlite.Database.GetMigrations().Select(DatabaseMaintenance.NameOf).ToList();

        Assert.NotEmpty(postgresNames);
        Assert.Equal(postgresNames, sqliteNames);
    }

    [Fact]
    public async Task Migrate_creates_a_missing_postgres_database_then_finds_nothing_to_do()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "create");
        await using var services = InfrastructureServices.For(database);

        var first = await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var second = await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));

        Assert.NotEmpty(first.Applied);
        Assert.Empty(second.Applied);
        Assert.Empty(second.Reverted);
    }

    [Fact]
    public async Task Migrate_accepts_a_migration_name_as_target_and_refuses_an_unknown_one_listing_the_known()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "target");
        await using var services = InfrastructureServices.For(database);
        var first = await services.InScopeAsync<AppDbContext, string>(db => Task.FromResult(db.Database.GetMigrations().First()));

        var toFirst = await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(DatabaseMaintenance.NameOf(first), backup: false, null, Token));
        var error = await Assert.ThrowsAsync<UnknownMigrationException>(() =>
            services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync("NoSuchMigration", backup: false, null, Token)));

        Assert.Equal([first], toFirst.Applied);
        Assert.Contains("NoSuchMigration", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabaseMaintenance.NameOf(first), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Status_shows_every_migration_pending_before_and_applied_after_migrate(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "status");
        await using var services = InfrastructureServices.For(database);

        var before = await services.InScopeAsync<DatabaseMaintenance, DatabaseStatus>(m => m.GetStatusAsync(Token));
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var after = await services.InScopeAsync<DatabaseMaintenance, DatabaseStatus>(m => m.GetStatusAsync(Token));

        Assert.False(before.DatabaseExists);
        Assert.All(before.Migrations, m => Assert.False(m.Applied));
        Assert.True(after.DatabaseExists);
        Assert.All(after.Migrations, m => Assert.True(m.Applied));
        Assert.Empty(after.Pending);
        Assert.False(after.ModelHasUnmigratedChanges);
        Assert.All(after.Migrations, m => Assert.NotNull(m.GeneratedAt));
    }
}
