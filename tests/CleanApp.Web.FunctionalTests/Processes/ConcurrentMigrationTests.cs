using System.Diagnostics;
using System.Net;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanApp.Web.FunctionalTests.Processes;

/// <summary>Several instances of the published app migrating and seeding one PostgreSQL database at the same time.</summary>
public class ConcurrentMigrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly List<string> Migrations = KnownMigrations();

    private static List<string> KnownMigrations()
    {
        using var db = AppDbContextFactory.Create(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost"));
        return [.. db.Database.GetMigrations()];
    }

    private static async Task<List<string>> QueryAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
        }

        return rows;
    }

    private static IEnumerable<string> AppliedBy((int ExitCode, string Output, string Error) run) =>
        run.Output.Split('\n').Where(l => l.StartsWith("Applied ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    [Fact]
    public async Task Six_migrators_started_at_once_apply_each_migration_exactly_once_and_all_succeed()
    {
        await using var database = (TestDatabase)TestDatabases.New(DatabaseProvider.Postgres, "sixmigrators"); // not created: the first migrator does it
        using var folder = new TempFolder();
        var settings = AppProcess.Production(database.AppSettings());

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => AppProcess.RunAsync(folder.Path, settings, "db", "migrate")));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, $"a migrator failed:\n{run.Output}\n{run.Error}"));
        Assert.Equal(Migrations, runs.SelectMany(AppliedBy).Order(StringComparer.Ordinal));
        Assert.Single(runs, run => AppliedBy(run).Any()); // the one that got the lock first did it all; the others found nothing to do
        Assert.Equal(Migrations, await QueryAsync(database, "SELECT migration_id FROM \"__EFMigrationsHistory\" ORDER BY 1"));
        Assert.Equal(Migrations.Select(m => $"{m} 1"), await QueryAsync(database, "SELECT migration_id, count(*) FROM schema_migration_log WHERE direction = 'up' GROUP BY migration_id ORDER BY 1"));
    }

    [Fact]
    public async Task Six_seeders_started_at_once_create_each_row_once()
    {
        await using var database = (TestDatabase)TestDatabases.New(DatabaseProvider.Postgres, "sixseeders");
        using var folder = new TempFolder();
        var settings = AppProcess.Production(database.AppSettings());
        settings["SEED_SAMPLE_DATA"] = "true";
        Assert.Equal(0, (await AppProcess.RunAsync(folder.Path, settings, "db", "migrate")).ExitCode);

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => AppProcess.RunAsync(folder.Path, settings, "db", "seed")));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, $"a seeder failed:\n{run.Output}\n{run.Error}"));
        Assert.Single(runs, run => !run.Output.Contains("0 users and 0 items created", StringComparison.Ordinal));
        Assert.Equal(["4"], await QueryAsync(database, "SELECT count(*) FROM users"));
        Assert.Equal(["5"], await QueryAsync(database, "SELECT count(*) FROM items"));
        Assert.Empty(await QueryAsync(database, "SELECT owner_id, title FROM items GROUP BY owner_id, title HAVING count(*) > 1"));
    }

    [Fact]
    public async Task Five_instances_migrating_on_start_at_once_all_come_up_on_one_migrated_and_seeded_database()
    {
        await using var database = (TestDatabase)TestDatabases.New(DatabaseProvider.Postgres, "fivestarts");
        using var folder = new TempFolder();
        var settings = AppProcess.Production(database.AppSettings());
        settings["MIGRATE_ON_START"] = "true";

        var apps = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => AppProcess.ServeAsync(folder.Path, new Dictionary<string, string?>(settings))));
        try
        {
            foreach (var app in apps)
            {
                Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token)).StatusCode);
            }

            Assert.Equal(Migrations.Select(m => $"{m} 1"), await QueryAsync(database, "SELECT migration_id, count(*) FROM schema_migration_log WHERE direction = 'up' GROUP BY migration_id ORDER BY 1"));
            Assert.Equal(["1"], await QueryAsync(database, "SELECT count(*) FROM users"));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_migrator_killed_midway_leaves_the_schema_at_the_previous_migration_and_a_rerun_completes()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("interrupted");
        using var folder = new TempFolder();
        var settings = AppProcess.Production(database.AppSettings());
        Assert.Equal(0, (await AppProcess.RunAsync(folder.Path, settings, "db", "migrate", Migrations[0])).ExitCode);

        // Another session creates (without committing) the table the last migration creates: the migrator gets
        // through the migrations before it, then blocks inside the last one, its transaction open.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync(Token);
        await using (var begin = new NpgsqlCommand("BEGIN; CREATE TABLE schema_migration_log (blocker int);", blocker))
        {
            await begin.ExecuteNonQueryAsync(Token);
        }

        using var migrator = Process.Start(AppProcess.StartInfo(folder.Path, settings, "db", "migrate"))!;
        await WaitUntilAsync(async () => (await QueryAsync(database,
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%CREATE TABLE schema_migration_log%'")).Count == 1);
        migrator.Kill(entireProcessTree: true);
        await migrator.WaitForExitAsync(Token);
        await using (var rollback = new NpgsqlCommand("ROLLBACK", blocker))
        {
            await rollback.ExecuteNonQueryAsync(Token);
        }

        await WaitUntilAsync(async () => (await QueryAsync(database, "SELECT pid FROM pg_stat_activity WHERE query ILIKE '%schema_migration_log%' AND pid <> pg_backend_pid()")).Count == 0);
        var applied = await QueryAsync(database, "SELECT migration_id FROM \"__EFMigrationsHistory\" ORDER BY 1");
        Assert.Equal(Migrations.Take(applied.Count), applied); // a prefix: the schema is at an earlier migration...
        Assert.DoesNotContain(Migrations[^1], applied); // ...before the interrupted one,
        Assert.Equal(["False"], await QueryAsync(database, "SELECT to_regclass('schema_migration_log') IS NOT NULL")); // of which nothing is left
        Assert.Equal([applied.Count > 1 ? "True" : "False"], await QueryAsync(database, "SELECT to_regclass('data_protection_keys') IS NOT NULL"));

        var rerun = await AppProcess.RunAsync(folder.Path, settings, "db", "migrate");
        var status = await AppProcess.RunAsync(folder.Path, settings, "db", "status", "--check");

        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains($"Applied   {Migrations[^1]}", rerun.Output, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 0, status.Output);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(200))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200, Token);
        }

        throw new TimeoutException("The condition did not come true within 60 s.");
    }
}
