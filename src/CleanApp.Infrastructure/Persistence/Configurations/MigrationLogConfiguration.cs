namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class MigrationLogConfiguration : IEntityTypeConfiguration<MigrationLogEntry>
{
    public void Configure(EntityTypeBuilder<MigrationLogEntry> builder)
    {
        builder.ToTable("schema_migration_log");
        builder.Property(e => e.MigrationId).HasMaxLength(150);
        builder.Property(e => e.Direction).HasMaxLength(4);
        builder.Property(e => e.Host).HasMaxLength(255);
        builder.HasIndex(e => new { e.MigrationId, e.At });
    }
}
