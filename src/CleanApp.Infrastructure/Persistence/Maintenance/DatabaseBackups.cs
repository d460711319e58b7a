using System.Data.Common;

namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Backups and restores, each in its provider's way (<see cref="IBackupMethod"/>, from the provider's module). PostgreSQL: <c>pg_dump</c>
/// in its custom format and <c>pg_restore</c> (the PostgreSQL client tools, from PATH or <c>PG_BIN</c>). SQLite:
/// SQLite's online backup, a consistent copy while in use.
/// </summary>
public sealed class DatabaseBackups(IBackupMethod method, BackupSettings backupSettings, TimeProvider timeProvider)
{
    /// <summary>
    /// &lt;BACKUP_DIR&gt;/&lt;database&gt;-&lt;UTC time&gt;[-label].dump (or .db for SQLite); <c>BACKUP_DIR</c> defaults to
    /// backups under the working directory.
    /// </summary>
    public string DefaultFile(string? label = null)
    {
        var (name, extension) = method.Naming;
        var stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return Path.GetFullPath(Path.Combine(backupSettings.Folder, $"{name}-{stamp}{(label is null ? string.Empty : "-" + label)}{extension}"));
    }

    /// <summary>Writes a backup of the whole database to <paramref name="file"/> (a new file) and returns its full path.</summary>
    public async Task<string> BackupAsync(string? file, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        file = Path.GetFullPath(file ?? DefaultFile());
        if (File.Exists(file))
        {
            throw new BackupException($"{file} exists already; a backup never overwrites a file. Choose another name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var started = timeProvider.GetTimestamp();
        await method.BackupAsync(file, backupSettings, progress, cancellationToken);
        progress?.Report($"Backed up to {file} ({new FileInfo(file).Length / 1024.0:0.0} KiB in {timeProvider.GetElapsedTime(started).TotalSeconds:0.0} s).");
        return file;
    }

    /// <summary>
    /// Replaces the whole database with the backup in <paramref name="file"/>. Takes a safety backup first and
    /// returns its path: if the restore fails, the data from before it is there.
    /// </summary>
    public async Task<string> RestoreAsync(string file, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new BackupException($"There is no backup at {file}.");
        }

        var safety = await BackupAsync(DefaultFile("before-restore"), progress, cancellationToken);
        try
        {
            await method.RestoreAsync(file, backupSettings, progress, cancellationToken);
        }
        catch (Exception e) when (e is BackupException or DbException)
        {
            throw new BackupException($"Restoring {file} failed: {e.Message} The data from before the restore is in {safety} (db restore {safety}).", e);
        }

        progress?.Report($"Restored {file}.");
        return safety;
    }
}
