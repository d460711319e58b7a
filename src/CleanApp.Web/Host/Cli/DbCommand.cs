using System.Globalization;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Outbox;

namespace CleanApp.Web.Host.Cli;

/// <summary>
/// The runtime schema verbs of the published app (<c>CleanApp.Web db &lt;verb&gt;</c>): what a container, a job or a
/// developer runs without the SDK. Reports go to stdout; progress of long steps to stderr, on a terminal only.
/// Exit codes: 0 done, 1 failed, 2 wrong usage, 3 <c>status --check</c> found pending migrations or model drift.
/// </summary>
internal static class DbCommand
{
    public const string Usage = """
        Usage: CleanApp.Web db <command>

          check [--timeout <seconds>]    wait for the database server (default 60 s), then say where it is
          migrate [<target>] [--backup]  apply pending migrations, or move to <target>: a migration name (rolls back
                                         the newer ones) or 0 (rolls back everything). --backup: back up first
                                         when anything will change
          status [--check]               applied and pending migrations with their dates, and whether the model has
                                         changes no migration covers. --check: exit 3 if so, or if any is pending
          seed                           create the first superuser (and sample data where enabled)
          backup [<file>]                back up the database (default: backups/<database>-<time>.dump, or .db)
          restore <file> [--yes]         replace the database with a backup, after a safety backup (--yes needed
                                         in Production)
          guard                          check the migrations for changes that lose data or break older instances
          reset                          drop, create, migrate and seed the database (refused in Production)
          outbox                         domain events waiting to be handled, the oldest one's age, and the dead
                                         ones (out of attempts) with their last error
          outbox requeue <id>|--all      make a dead message (or every one) due again, its attempts counted afresh

        Settings come from .env, the environment and appsettings.json: DATABASE_PROVIDER, POSTGRES_*, SQLITE_PATH.
        Migrating, seeding and restoring wait for each other, so any number of them may start at once.
        More on each command: docs/schema-workflow.md, "The db verbs".
        """;

    /// <summary>The db verb's arguments when the app was started as <c>db ...</c>; null for a normal start.</summary>
    public static string[]? Arguments(string[] args) => args is ["db", .. var rest] ? rest : null;

    public static async Task<int> RunAsync(
        IServiceProvider services, IHostEnvironment environment, string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>();
        var progress = interactive ? new LineProgress(error) : null;
        var (verb, positional, flags) = Parse(args);
        try
        {
            switch (verb)
            {
                case "check" when positional.Count == 0 && flags.Keys.All(k => k == "timeout") && Timeout(flags) is { } timeout:
                    return await CheckAsync(maintenance, timeout, output, cancellationToken);
                case "migrate" when positional.Count <= 1 && flags.Keys.All(k => k == "backup") && flags.Values.All(v => v is null):
                    return await MigrateAsync(maintenance, positional.FirstOrDefault(), flags.ContainsKey("backup"), output, progress, cancellationToken);
                case "status" when positional.Count == 0 && flags.Keys.All(k => k == "check"):
                    return await StatusAsync(maintenance, flags.ContainsKey("check"), output, cancellationToken);
                case "seed" when positional.Count == 0 && flags.Count == 0:
                    var seeded = await maintenance.SeedAsync(progress, cancellationToken);
                    await output.WriteLineAsync($"Seeded the {maintenance.Target}: {Created(seeded.UsersCreated, seeded.ItemsCreated)}.");
                    return 0;
                case "backup" when positional.Count <= 1 && flags.Count == 0:
                    var file = await maintenance.BackupAsync(positional.FirstOrDefault(), progress, cancellationToken);
                    await output.WriteLineAsync($"Backed up the {maintenance.Target} to {file}");
                    return 0;
                case "restore" when positional.Count == 1 && flags.Keys.All(k => k == "yes"):
                    return await RestoreAsync(maintenance, environment, positional[0], flags.ContainsKey("yes"), output, error, progress, cancellationToken);
                case "guard" when positional.Count == 0 && flags.Count == 0:
                    return await GuardAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), output);
                case "reset" when positional.Count == 0 && flags.Count == 0:
                    return await ResetAsync(maintenance, environment, output, error, progress, cancellationToken);
                case "outbox" when positional.Count == 0 && flags.Count == 0:
                    return await OutboxStatusAsync(scope.ServiceProvider.GetRequiredService<OutboxAdmin>(), output, cancellationToken);
                case "outbox" when positional is ["requeue"] && flags.Keys.All(k => k == "all") && flags.Count == 1:
                case "outbox" when positional is ["requeue", var id] && Guid.TryParse(id, out _) && flags.Count == 0:
                    var requeued = await scope.ServiceProvider.GetRequiredService<OutboxAdmin>()
                        .RequeueAsync(positional.Count == 2 ? Guid.Parse(positional[1]) : null, cancellationToken);
                    await output.WriteLineAsync($"Requeued {requeued} dead message{(requeued == 1 ? string.Empty : "s")}.");
                    return requeued == 0 && positional.Count == 2 ? 1 : 0;
                case "help" or "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    await error.WriteLineAsync(args.Length == 0 ? "Which db command?" : $"Unknown db command or arguments: {string.Join(' ', args)}");
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is DatabaseUnavailableException or UnknownMigrationException or InvalidSettingException or BackupException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (PendingModelChangesException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("The model has changed since the last migration: run build/db.sh add-migration <Name> first.");
            return 1;
        }
    }

    private static async Task<int> OutboxStatusAsync(OutboxAdmin outbox, TextWriter output, CancellationToken cancellationToken)
    {
        var status = await outbox.StatusAsync(cancellationToken);
        await WriteLinesAsync(output, [
            status.Pending == 0 ? "Outbox: nothing waiting." : $"Outbox: {status.Pending} waiting, the oldest for {status.OldestPending.TotalSeconds:0} s.",
            $"Dead: {status.Dead.Count}{(status.Dead.Count == 0 ? "." : " (requeue with: db outbox requeue <id>, or --all)")}",
            .. status.Dead.Select(dead => FormattableString.Invariant(
                $"  {dead.Id}  {dead.EventType} for {dead.Handler}, {dead.Attempts} attempts, dead since {dead.DeadAt:u}: {dead.LastError}"))]);
        return 0;
    }

    private static async Task WriteLinesAsync(TextWriter output, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }
    }

    /// <summary>The verb, its positional arguments and its --flags (with the value that follows --timeout).</summary>
    private static (string? Verb, List<string> Positional, Dictionary<string, string?> Flags) Parse(string[] args)
    {
        var positional = new List<string>();
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
            }
            else if (args[i] == "--timeout")
            {
                flags["timeout"] = i + 1 < args.Length ? args[++i] : string.Empty;
            }
            else
            {
                flags[args[i][2..]] = null;
            }
        }

        return (args.FirstOrDefault(), positional, flags);
    }

    private static TimeSpan? Timeout(Dictionary<string, string?> flags) =>
        !flags.TryGetValue("timeout", out var text) ? TimeSpan.FromSeconds(60)
        : int.TryParse(text, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds)
        : null;

    private static async Task<int> CheckAsync(DatabaseMaintenance maintenance, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        var check = await maintenance.WaitForDatabaseAsync(timeout, TimeSpan.FromSeconds(1), cancellationToken);
        await output.WriteLineAsync(check.DatabaseExists
            ? $"OK: the {check.Target} answers."
            : $"OK: the server of the {check.Target} answers; the database does not exist yet (db migrate creates it).");
        return 0;
    }

    private static async Task<int> MigrateAsync(
        DatabaseMaintenance maintenance, string? target, bool backup, TextWriter output, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var result = await maintenance.MigrateAsync(target, backup, progress, cancellationToken);
        await WriteLinesAsync(output, [
            .. result.BackupFile is { } file ? new[] { $"Backed up to {file} before migrating." } : [],
            .. result.Notes ?? [],
            .. result.Applied.Select(id => $"Applied   {id}"),
            .. result.Reverted.Select(id => $"Reverted  {id}"),
            result.Applied.Count + result.Reverted.Count == 0
                ? $"The {maintenance.Target} is up to date; nothing to do."
                : $"The {maintenance.Target} is now at {target ?? "the newest migration"}."]);
        return 0;
    }

    private static async Task<int> StatusAsync(DatabaseMaintenance maintenance, bool check, TextWriter output, CancellationToken cancellationToken)
    {
        var status = await maintenance.GetStatusAsync(cancellationToken);
        await WriteLinesAsync(output, [
            $"Database: {status.Target}{(status.DatabaseExists ? string.Empty : " (does not exist yet)")}",
            $"Migrations: {status.Migrations.Count - status.Pending.Count} applied, {status.Pending.Count} pending",
            .. status.Migrations.Select(migration =>
            {
                var generated = migration.GeneratedAt is { } at ? $"generated {at:yyyy-MM-dd HH:mm} UTC" : string.Empty;
                var applied = migration.AppliedAt is { } when ? $", applied {when:yyyy-MM-dd HH:mm:ss} UTC on {migration.AppliedBy}" : string.Empty;
                return $"  [{(migration.Applied ? "applied" : "pending")}]  {migration.Id,-45} {generated}{applied}";
            }),
            .. status.AppliedButUnknown.Select(id => $"  [applied, unknown to this build]  {id}"),
            status.ModelHasUnmigratedChanges
                ? "Model: has changes no migration covers; run build/db.sh add-migration <Name>."
                : "Model: in step with the migrations."]);
        return check && (status.Pending.Count > 0 || status.ModelHasUnmigratedChanges || !status.DatabaseExists) ? 3 : 0;
    }

    private static async Task<int> RestoreAsync(
        DatabaseMaintenance maintenance, IHostEnvironment environment, string file, bool confirmed, TextWriter output, TextWriter error,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && !confirmed)
        {
            await error.WriteLineAsync($"error: db restore replaces every row of the {maintenance.Target}. In Production, confirm with --yes.");
            return 1;
        }

        var safety = await maintenance.RestoreAsync(file, progress, cancellationToken);
        await output.WriteLineAsync($"Restored the {maintenance.Target} from {Path.GetFullPath(file)}.");
        await output.WriteLineAsync($"The data from before the restore is in {safety}.");
        return 0;
    }

    private static async Task<int> GuardAsync(AppDbContext db, TextWriter output)
    {
        var findings = MigrationGuard.Check(db);
        foreach (var finding in findings)
        {
            await output.WriteLineAsync($"{(finding.Accepted ? "accepted" : "REFUSED ")}  {finding}");
        }

        var refused = findings.Count(f => !f.Accepted);
        await output.WriteLineAsync(refused == 0
            ? "OK: no migration drops, renames or narrows anything without an accepted reason."
            : $"{refused} unsafe operations without an accepted reason. Split the change (expand/contract, docs/schema-workflow.md), " +
              "or once reviewed mark the migration [AcceptedDestructiveChange(\"why\")] for every provider.");
        return refused == 0 ? 0 : 1;
    }

    private static async Task<int> ResetAsync(
        DatabaseMaintenance maintenance, IHostEnvironment environment, TextWriter output, TextWriter error, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (environment.IsProduction())
        {
            await error.WriteLineAsync(
                "error: db reset drops the database and is refused in Production (ASPNETCORE_ENVIRONMENT=Production). " +
                "Set ASPNETCORE_ENVIRONMENT=Development for a local database.");
            return 1;
        }

        var (migrated, seeded) = await maintenance.ResetAsync(progress, cancellationToken);
        await output.WriteLineAsync(
            $"Reset the {maintenance.Target}: {migrated.Applied.Count} migrations applied, {Created(seeded.UsersCreated, seeded.ItemsCreated)}.");
        return 0;
    }

    private static string Created(int users, int items) =>
        $"{users} {(users == 1 ? "user" : "users")} and {items} {(items == 1 ? "item" : "items")} created";
}
