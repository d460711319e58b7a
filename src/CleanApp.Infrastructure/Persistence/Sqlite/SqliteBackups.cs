using CleanApp.Infrastructure.Persistence.Maintenance;
using Microsoft.Data.Sqlite;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>Backups of a SQLite file with SQLite's online backup: a consistent copy while in use.</summary>
internal sealed class SqliteBackups(DatabaseSettings settings) : IBackupMethod
{
    private string Path => new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;

    public (string Name, string Extension) Naming => (System.IO.Path.GetFileNameWithoutExtension(Path), ".db");

    /// <summary>SQLite's online backup: a consistent copy while in use.</summary>
    public Task BackupAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var source = Open(settings.ConnectionString, SqliteOpenMode.ReadOnly);
        using var target = Open(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
        return Task.CompletedTask;
    }

    public Task RestoreAsync(string file, BackupSettings backups, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var source = Open(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, SqliteOpenMode.ReadOnly);
        using var target = Open(settings.ConnectionString, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
        return Task.CompletedTask;
    }

    private static SqliteConnection Open(string connectionString, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = mode, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
