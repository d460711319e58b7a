using CleanApp.Infrastructure.Persistence.Idempotency;

namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(IdempotencyRecord.ScopeMaxLength);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2048);
        builder.Property(r => r.ETag).HasMaxLength(100).HasColumnName("etag");
        builder.HasIndex(r => r.ExpiresAt); // the expiry's delete
    }
}
