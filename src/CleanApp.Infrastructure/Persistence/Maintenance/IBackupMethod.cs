namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>How a provider writes and reads a backup of the whole database (<see cref="DatabaseBackups"/> names the files and keeps the safety copy).</summary>
public interface IBackupMethod
{
    /// <summary>The database's name and a backup file's extension, for backup file names.</summary>
    (string Name, string Extension) Naming { get; }

    /// <summary>Writes a backup of the whole database to <paramref name="file"/>, a new file.</summary>
    Task BackupAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken);

    /// <summary>Replaces the whole database with the backup in <paramref name="file"/>.</summary>
    Task RestoreAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken);
}
