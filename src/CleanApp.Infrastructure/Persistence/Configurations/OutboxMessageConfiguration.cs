using CleanApp.Infrastructure.Persistence.Outbox;

namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.EventType).HasMaxLength(300);
        builder.Property(m => m.Handler).HasMaxLength(300);
        builder.Property(m => m.DeduplicationKey).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // What the dispatcher looks for: the pending messages, by when they are due (a partial index: done ones stay out).
        builder.HasIndex(m => m.AvailableAt).HasFilter("dispatched_at IS NULL AND dead_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        builder.HasIndex(m => new { m.DeduplicationKey, m.Handler }).HasFilter("dispatched_at IS NULL AND dead_at IS NULL AND deduplication_key IS NOT NULL")
            .HasDatabaseName("ix_outbox_messages_pending_key");
        builder.HasIndex(m => m.DispatchedAt).HasFilter("dispatched_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_dispatched");
    }
}
