using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Outbox;
using CleanApp.Testing;
using CleanApp.Web.Host.Cli;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanApp.Web.FunctionalTests.Processes;

/// <summary>The runtime `db` verbs, run in-process on the app's real composition.</summary>
public class DbCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(WebAppFactory factory, params string[] args) =>
        RunAsync(factory, interactive: false, args);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(WebAppFactory factory, bool interactive, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DbCommand.RunAsync(
            factory.Services, factory.Services.GetRequiredService<IHostEnvironment>(), args, output, error, interactive, Token);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Long_steps_report_progress_on_a_terminal_and_stay_quiet_otherwise()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "cliprogress");
        var folder = Directory.CreateTempSubdirectory("cleanapp-cli-progress-").FullName;
        await using var factory = new WebAppFactory(database, settings: new() { ["BACKUP_DIR"] = folder });
        try
        {
            await RunAsync(factory, "migrate");
            var quietSeed = await RunAsync(factory, interactive: false, "seed");
            var seed = await RunAsync(factory, interactive: true, "seed");
            var backup = await RunAsync(factory, interactive: true, "backup");
            var quietBackup = await RunAsync(factory, interactive: false, "backup", Path.Combine(folder, "quiet.dump"));

            Assert.Empty(quietSeed.Error);
            Assert.Contains("Seeding: the first superuser", seed.Error, StringComparison.Ordinal);
            Assert.Contains("Seeding: sample user alice@example.com", seed.Error, StringComparison.Ordinal);
            Assert.Contains("pg_dump: dumping contents of table", backup.Error, StringComparison.Ordinal);
            Assert.Contains("Backed up to", backup.Error, StringComparison.Ordinal);
            Assert.Empty(quietBackup.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Outbox_lists_dead_messages_without_their_payload_and_requeue_makes_them_due_again()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "clioutbox");
        await using var factory = new WebAppFactory(database);
        await RunAsync(factory, "migrate");
        var id = await WithDbAsync(factory, async db =>
        {
            var message = new OutboxMessage
            {
                EventType = "Some.Event", Handler = "Some.Handler", Payload = """{"email":"private@example.com"}""",
                OccurredAt = DateTimeOffset.UtcNow, AvailableAt = DateTimeOffset.UtcNow, Attempts = 10, DeadAt = DateTimeOffset.UtcNow, LastError = "SMTP refused",
            };
            db.Add(message);
            await db.SaveChangesAsync(Token);
            return message.Id;
        });

        var before = await RunAsync(factory, "outbox");
        var wrongId = await RunAsync(factory, "outbox", "requeue", Guid.CreateVersion7().ToString());
        var requeue = await RunAsync(factory, "outbox", "requeue", "--all");
        var after = await RunAsync(factory, "outbox");

        Assert.Equal(0, before.ExitCode);
        Assert.Contains("Dead: 1", before.Output, StringComparison.Ordinal);
        Assert.Contains($"{id}  Some.Event for Some.Handler, 10 attempts", before.Output, StringComparison.Ordinal);
        Assert.Contains("SMTP refused", before.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("private@example.com", before.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrongId.ExitCode);
        Assert.Equal((0, "Requeued 1 dead message."), (requeue.ExitCode, requeue.Output.Trim()));
        Assert.Contains("Dead: 0.", after.Output, StringComparison.Ordinal);
    }

    private static async Task<T> WithDbAsync<T>(WebAppFactory factory, Func<AppDbContext, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task Status_migrate_and_seed_walk_a_new_database_to_head()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "cliwalk");
        await using var factory = new WebAppFactory(database);
        var migrationId = await WithDbAsync(factory, db => Task.FromResult(db.Database.GetMigrations().Last()));

        var before = await RunAsync(factory, "status");
        var migrate = await RunAsync(factory, "migrate");
        var again = await RunAsync(factory, "migrate");
        var after = await RunAsync(factory, "status");
        var seed = await RunAsync(factory, "seed");
        var reseed = await RunAsync(factory, "seed");

        Assert.Equal(0, before.ExitCode);
        Assert.Contains("does not exist yet", before.Output, StringComparison.Ordinal);
        Assert.Contains($"[pending]  {migrationId}", before.Output, StringComparison.Ordinal);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains($"Applied   {migrationId}", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do", again.Output, StringComparison.Ordinal);
        Assert.Contains($"[applied]  {migrationId}", after.Output, StringComparison.Ordinal);
        Assert.Contains("Model: in step with the migrations.", after.Output, StringComparison.Ordinal);
        Assert.Matches(@"[1-9]\d* users? and [1-9]\d* items? created", seed.Output);
        Assert.Contains("0 users and 0 items created", reseed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_to_0_rolls_everything_back_and_an_unknown_target_is_refused()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "clirollback");
        await using var factory = new WebAppFactory(database);
        await RunAsync(factory, "migrate");

        var unknown = await RunAsync(factory, "migrate", "NoSuchMigration");
        var back = await RunAsync(factory, "migrate", "0");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No migration is named 'NoSuchMigration'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, back.ExitCode);
        Assert.Contains("Reverted", back.Output, StringComparison.Ordinal);
        Assert.Contains("is now at 0", back.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_restores_the_seeded_state_in_development()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "clireset");
        await using var factory = new WebAppFactory(database, "Development");
        await RunAsync(factory, "migrate");
        await RunAsync(factory, "seed");
        var seeded = await WithDbAsync(factory, db => db.Items.CountAsync(Token));
        await WithDbAsync(factory, db => db.Database.ExecuteSqlRawAsync("DELETE FROM items", Token));

        var reset = await RunAsync(factory, "reset");

        Assert.Equal(0, reset.ExitCode);
        Assert.Contains("Reset the PostgreSQL database", reset.Output, StringComparison.Ordinal);
        Assert.Equal(seeded, await WithDbAsync(factory, db => db.Items.CountAsync(Token)));
    }

    [Fact]
    public async Task Reset_is_refused_in_production_and_leaves_the_data_alone()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "cliprod");
        await using var factory = new WebAppFactory(database, "Production");
        await RunAsync(factory, "migrate");
        await RunAsync(factory, "seed");

        var reset = await RunAsync(factory, "reset");

        Assert.Equal(1, reset.ExitCode);
        Assert.Contains("refused in Production", reset.Error, StringComparison.Ordinal);
        Assert.Equal(1, await WithDbAsync(factory, db => db.Users.CountAsync(Token)));
    }

    [Fact]
    public async Task Check_fails_with_a_message_naming_where_it_looked()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "clicheck");
        await using var factory = new WebAppFactory(database, settings: new() { ["POSTGRES_SERVER"] = "127.0.0.1", ["POSTGRES_PORT"] = "1" });

        var check = await RunAsync(factory, "check", "--timeout", "0");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("127.0.0.1:1", check.Error, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_SERVER", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_check_exits_3_while_migrations_are_pending_and_0_once_applied()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "clistatuscheck");
        await using var factory = new WebAppFactory(database);

        var pending = await RunAsync(factory, "status", "--check");
        await RunAsync(factory, "migrate");
        var current = await RunAsync(factory, "status", "--check");

        Assert.Equal(3, pending.ExitCode);
        Assert.Equal(0, current.ExitCode);
        Assert.Matches(@"\[applied\]  \S+\s+generated \d{4}-\d\d-\d\d \d\d:\d\d UTC, applied \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC on ", current.Output);
    }

    [Fact]
    public async Task Backup_and_restore_through_the_cli_with_restore_confirmed_in_production()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "clibackup");
        var folder = Directory.CreateTempSubdirectory("cleanapp-cli-backups-").FullName;
        var settings = AppProcessSecrets();
        settings["BACKUP_DIR"] = folder;
        await using var factory = new WebAppFactory(database, "Production", settings);
        var file = Path.Combine(folder, "manual.dump");
        try
        {
            await RunAsync(factory, "migrate", "--backup"); // a new database: nothing to back up, nothing refused
            await RunAsync(factory, "seed");
            var backup = await RunAsync(factory, "backup", file);
            await WithDbAsync(factory, db => db.Database.ExecuteSqlRawAsync("DELETE FROM users", Token));

            var unconfirmed = await RunAsync(factory, "restore", file);
            var usersAfterRefusal = await WithDbAsync(factory, db => db.Users.CountAsync(Token));
            var restore = await RunAsync(factory, "restore", file, "--yes");

            Assert.Equal(0, backup.ExitCode);
            Assert.Contains(file, backup.Output, StringComparison.Ordinal);
            Assert.Equal(1, unconfirmed.ExitCode);
            Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);
            Assert.Equal(0, usersAfterRefusal);
            Assert.True(restore.ExitCode == 0, restore.Error);
            Assert.Contains("The data from before the restore is in", restore.Output, StringComparison.Ordinal);
            Assert.Equal(1, await WithDbAsync(factory, db => db.Users.CountAsync(Token)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_with_backup_reports_the_backup_it_took()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "climigratebackup");
        var folder = Directory.CreateTempSubdirectory("cleanapp-cli-backups-").FullName;
        await using var factory = new WebAppFactory(database, settings: new() { ["BACKUP_DIR"] = folder });
        var first = await WithDbAsync(factory, db => Task.FromResult(db.Database.GetMigrations().First()));
        await RunAsync(factory, "migrate", first);

        var migrate = await RunAsync(factory, "migrate", "--backup");

        var line = Assert.Single(migrate.Output.Split('\n'), l => l.StartsWith("Backed up to ", StringComparison.Ordinal));
        var file = line["Backed up to ".Length..^" before migrating.".Length].Trim();
        Assert.True(File.Exists(file));
        Assert.StartsWith(folder, file, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Guard_passes_on_the_committed_migrations()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "cliguard");
        await using var factory = new WebAppFactory(database);

        var guard = await RunAsync(factory, "guard");

        Assert.Equal(0, guard.ExitCode);
        Assert.Contains("OK: no migration drops, renames or narrows anything", guard.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> AppProcessSecrets() => new()
    {
        ["SECRET_KEY"] = "a-production-secret-of-at-least-32-characters",
        ["FIRST_SUPERUSER_PASSWORD"] = "a-production-superuser-password",
    };

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("restore")]
    [InlineData("backup", "a", "b")]
    [InlineData("status", "--verbose")]
    [InlineData("migrate", "--to")]
    [InlineData("check", "--timeout", "soon")]
    public async Task Wrong_usage_exits_2_with_the_usage(params string[] args)
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "cliusage");
        await using var factory = new WebAppFactory(database);

        var result = await RunAsync(factory, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: CleanApp.Web db <command>", result.Error, StringComparison.Ordinal);
    }
}
