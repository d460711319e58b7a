namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>One migration as the code knows it; whether, when and by which host the database applied it.</summary>
public sealed record MigrationInfo(string Id, string Name, DateTimeOffset? GeneratedAt, bool Applied, DateTimeOffset? AppliedAt = null, string? AppliedBy = null);

/// <summary>Where the schema stands: the migrations, applied or pending, and whether the model has changes no migration covers.</summary>
public sealed record DatabaseStatus(
    string Target,
    bool DatabaseExists,
    IReadOnlyList<MigrationInfo> Migrations,
    IReadOnlyList<string> AppliedButUnknown,
    bool ModelHasUnmigratedChanges)
{
    public IReadOnlyList<MigrationInfo> Pending => [.. Migrations.Where(m => !m.Applied)];
}

/// <summary>
/// What a <c>db migrate</c> did: the migrations it applied (oldest first) or reverted (newest first), the backup it
/// took first, if asked to, and anything it had to repair on the way.
/// </summary>
public sealed record MigrateResult(IReadOnlyList<string> Applied, IReadOnlyList<string> Reverted, string? BackupFile = null, IReadOnlyList<string>? Notes = null);

/// <summary>The database server answered; <see cref="DatabaseExists"/> says whether the database itself is there yet.</summary>
public sealed record ConnectionCheck(string Target, bool DatabaseExists, int Attempts);

/// <summary>The database could not be reached or used; the message says where and what to check.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>A migration name given on the command line matches none of the code's migrations.</summary>
public sealed class UnknownMigrationException(string target, IEnumerable<string> known)
    : Exception($"No migration is named '{target}'. Known migrations: {string.Join(", ", known)}; use 0 to revert them all.");

/// <summary>
/// The model has changes no migration covers (what EF Core reports as <c>PendingModelChangesWarning</c> and refuses to
/// migrate with): checked before migrating, so the refusal is a type of its own rather than a message to match.
/// </summary>
public sealed class PendingModelChangesException(string target)
    : Exception($"The model has changes that no migration of the {target} covers.");

/// <summary>A backup or restore failed; the message says why and, for a restore, where the data from before it is.</summary>
public sealed class BackupException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>Reports the steps of a long operation as lines, when someone is watching a terminal.</summary>
public sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine(value);
}
