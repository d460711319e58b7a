namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Where backups go, <c>BACKUP_DIR</c> (default backups, under the working directory), and where the PostgreSQL
/// client tools are, <c>PG_BIN</c> (default: on PATH).
/// </summary>
public sealed record BackupSettings(string Folder, string? ToolFolder)
{
    public static BackupSettings Read(SettingReader settings) => new(settings.Text("BACKUP_DIR", "backups"), settings.Text("PG_BIN"));
}
