using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Seeding;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Maintenance;

public sealed class BackupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cleanapp-backups-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Task<List<string>> RowsAsync(ServiceProvider services) =>
        services.InScopeAsync<AppDbContext, List<string>>(async db =>
        [
            .. await db.Users.OrderBy(u => u.Email).Select(u => $"user {u.Id} {u.Email} {u.FullName} {u.PasswordHash}").ToListAsync(Token),
            .. await db.Items.OrderBy(i => i.Id).Select(i => $"item {i.Id} {i.OwnerId} {i.Title} {i.Description} {i.CreatedAt:O}").ToListAsync(Token),
        ]);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_restore_brings_back_the_rows_of_the_backup_and_nothing_written_after_it(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "backup");
        await using var services = InfrastructureServices.For(database, extra: new() { ["BACKUP_DIR"] = folder });
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        await services.InScopeAsync<DatabaseMaintenance, SeedReport>(m => m.SeedAsync(null, Token));
        var original = await RowsAsync(services);

        var file = await services.InScopeAsync<DatabaseMaintenance, string>(m => m.BackupAsync(Path.Combine(folder, "app.backup"), null, Token));
        await services.InScopeAsync<AppDbContext, int>(async db =>
        {
            db.Items.RemoveRange(await db.Items.Take(2).ToListAsync(Token));
            db.Items.Add(Item.Create((await db.Users.FirstAsync(Token)).Id, "written after the backup", null));
            (await db.Users.FirstAsync(u => u.Email == "alice@example.com", Token)).FullName = "Changed";
            return await db.SaveChangesAsync(Token);
        });
        Assert.NotEqual(original, await RowsAsync(services));

        var safety = await services.InScopeAsync<DatabaseMaintenance, string>(m => m.RestoreAsync(file, null, Token));

        Assert.Equal(original, await RowsAsync(services));
        Assert.True(File.Exists(safety), "a restore keeps a backup of what it replaced");
        var status = await services.InScopeAsync<DatabaseMaintenance, DatabaseStatus>(m => m.GetStatusAsync(Token));
        Assert.Empty(status.Pending);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrate_with_backup_backs_up_before_changing_anything_and_only_then(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "migratebackup");
        // Rows at the first migration's schema: the first superuser, seeded at the head's (the seeder speaks the current
        // model), then every later migration rolled back.
        await using var services = InfrastructureServices.For(database, extra: new() { ["BACKUP_DIR"] = folder, ["SEED_SAMPLE_DATA"] = "false" });
        var first = await services.InScopeAsync<AppDbContext, string>(db => Task.FromResult(db.Database.GetMigrations().First()));
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        await services.InScopeAsync<DatabaseMaintenance, SeedReport>(m => m.SeedAsync(null, Token));
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(first, backup: false, null, Token));
        var seeded = await RowsAsync(services);

        var upgrade = await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: true, null, Token));
        var nothingToDo = await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: true, null, Token));

        Assert.NotEmpty(upgrade.Applied);
        Assert.True(File.Exists(upgrade.BackupFile));
        Assert.Null(nothingToDo.BackupFile);
        // The backup holds the schema and rows from before the upgrade.
        await services.InScopeAsync<DatabaseMaintenance, string>(m => m.RestoreAsync(upgrade.BackupFile!, null, Token));
        var status = await services.InScopeAsync<DatabaseMaintenance, DatabaseStatus>(m => m.GetStatusAsync(Token));
        Assert.Equal([first], status.Migrations.Where(m => m.Applied).Select(m => m.Id));
        Assert.Equal(seeded, await RowsAsync(services));
        Assert.StartsWith(folder, upgrade.BackupFile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_a_missing_backup_cannot_be_restored()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "backupfiles");
        await using var services = InfrastructureServices.For(database, extra: new() { ["BACKUP_DIR"] = folder });
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var existing = Path.Combine(folder, "taken.db");
        await File.WriteAllTextAsync(existing, "precious", Token);

        var overwrite = await Assert.ThrowsAsync<BackupException>(() => services.InScopeAsync<DatabaseMaintenance, string>(m => m.BackupAsync(existing, null, Token)));
        var missing = await Assert.ThrowsAsync<BackupException>(() => services.InScopeAsync<DatabaseMaintenance, string>(m => m.RestoreAsync(Path.Combine(folder, "none.db"), null, Token)));

        Assert.Equal("precious", await File.ReadAllTextAsync(existing, Token));
        Assert.Contains("never overwrites", overwrite.Message, StringComparison.Ordinal);
        Assert.Contains("no backup", missing.Message, StringComparison.Ordinal);
    }
}
