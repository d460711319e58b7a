using System.Globalization;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanApp.Web.Cli;

/// <summary>
/// The runtime schema verbs of the published app (<c>CleanApp.Web db &lt;verb&gt;</c>): what a container, a job or a
/// developer runs without the SDK. Exit codes: 0 done, 1 failed, 2 wrong usage.
/// </summary>
internal static class DbCommand
{
    public const string Usage = """
        Usage: CleanApp.Web db <command>

          check [--timeout <seconds>]  wait for the database server (default 60 s), then say where it is
          migrate [<target>]           apply pending migrations, or move to <target>: a migration name
                                       (rolls back the newer ones) or 0 (rolls back everything)
          status                       list applied and pending migrations
          seed                         create the first superuser (and sample data where enabled)
          reset                        drop, create, migrate and seed the database (refused in Production)

        Settings come from .env, the environment and appsettings.json: DATABASE_PROVIDER, POSTGRES_*, SQLITE_PATH.
        """;

    /// <summary>The db verb's arguments when the app was started as <c>db ...</c>; null for a normal start.</summary>
    public static string[]? Arguments(string[] args) => args is ["db", .. var rest] ? rest : null;

    public static async Task<int> RunAsync(
        IServiceProvider services, IHostEnvironment environment, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>();
        try
        {
            switch (args)
            {
                case ["check"]:
                    return await CheckAsync(maintenance, TimeSpan.FromSeconds(60), output, cancellationToken);
                case ["check", "--timeout", var seconds] when int.TryParse(seconds, CultureInfo.InvariantCulture, out var timeout) && timeout >= 0:
                    return await CheckAsync(maintenance, TimeSpan.FromSeconds(timeout), output, cancellationToken);
                case ["migrate"]:
                    return await MigrateAsync(maintenance, null, output, cancellationToken);
                case ["migrate", var target] when !target.StartsWith('-'):
                    return await MigrateAsync(maintenance, target, output, cancellationToken);
                case ["status"]:
                    return await StatusAsync(maintenance, output, cancellationToken);
                case ["seed"]:
                    var seeded = await maintenance.SeedAsync(cancellationToken);
                    await output.WriteLineAsync($"Seeded the {maintenance.Target}: {Created(seeded.UsersCreated, seeded.ItemsCreated)}.");
                    return 0;
                case ["reset"]:
                    return await ResetAsync(maintenance, environment, output, error, cancellationToken);
                case ["help"] or ["--help"] or ["-h"]:
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    await error.WriteLineAsync(args.Length == 0 ? "Which db command?" : $"Unknown db command: {string.Join(' ', args)}");
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is DatabaseUnavailableException or UnknownMigrationException or InvalidSettingException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (InvalidOperationException e) when (e.Message.Contains(nameof(RelationalEventId.PendingModelChangesWarning), StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("The model has changed since the last migration: run build/db.sh add-migration <Name> first.");
            return 1;
        }
    }

    private static async Task<int> CheckAsync(DatabaseMaintenance maintenance, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        var check = await maintenance.WaitForDatabaseAsync(timeout, TimeSpan.FromSeconds(1), cancellationToken);
        await output.WriteLineAsync(check.DatabaseExists
            ? $"OK: the {check.Target} answers."
            : $"OK: the server of the {check.Target} answers; the database does not exist yet (db migrate creates it).");
        return 0;
    }

    private static async Task<int> MigrateAsync(DatabaseMaintenance maintenance, string? target, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await maintenance.MigrateAsync(target, cancellationToken);
        foreach (var id in result.Applied)
        {
            await output.WriteLineAsync($"Applied   {id}");
        }

        foreach (var id in result.Reverted)
        {
            await output.WriteLineAsync($"Reverted  {id}");
        }

        await output.WriteLineAsync(result.Applied.Count + result.Reverted.Count == 0
            ? $"The {maintenance.Target} is up to date; nothing to do."
            : $"The {maintenance.Target} is now at {(target is null ? "the newest migration" : target)}.");
        return 0;
    }

    private static async Task<int> StatusAsync(DatabaseMaintenance maintenance, TextWriter output, CancellationToken cancellationToken)
    {
        var status = await maintenance.GetStatusAsync(cancellationToken);
        await output.WriteLineAsync($"Database: {status.Target}{(status.DatabaseExists ? string.Empty : " (does not exist yet)")}");
        await output.WriteLineAsync($"Migrations: {status.Migrations.Count - status.Pending.Count} applied, {status.Pending.Count} pending");
        foreach (var migration in status.Migrations)
        {
            var generated = migration.GeneratedAt is { } at ? $"  generated {at:yyyy-MM-dd HH:mm} UTC" : string.Empty;
            await output.WriteLineAsync($"  [{(migration.Applied ? "applied" : "pending")}]  {migration.Id}{generated}");
        }

        foreach (var id in status.AppliedButUnknown)
        {
            await output.WriteLineAsync($"  [applied, unknown to this build]  {id}");
        }

        await output.WriteLineAsync(status.ModelHasUnmigratedChanges
            ? "Model: has changes no migration covers; run build/db.sh add-migration <Name>."
            : "Model: in step with the migrations.");
        return 0;
    }

    private static async Task<int> ResetAsync(
        DatabaseMaintenance maintenance, IHostEnvironment environment, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (environment.IsProduction())
        {
            await error.WriteLineAsync(
                "error: db reset drops the database and is refused in Production (ASPNETCORE_ENVIRONMENT=Production). " +
                "Set ASPNETCORE_ENVIRONMENT=Development for a local database.");
            return 1;
        }

        var (migrated, seeded) = await maintenance.ResetAsync(cancellationToken);
        await output.WriteLineAsync(
            $"Reset the {maintenance.Target}: {migrated.Applied.Count} migrations applied, {Created(seeded.UsersCreated, seeded.ItemsCreated)}.");
        return 0;
    }

    private static string Created(int users, int items) =>
        $"{users} {(users == 1 ? "user" : "users")} and {items} {(items == 1 ? "item" : "items")} created";
}
