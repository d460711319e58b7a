namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class ThrottleConfiguration : IEntityTypeConfiguration<Throttle>
{
    public void Configure(EntityTypeBuilder<Throttle> builder)
    {
        builder.ToTable("throttles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(Throttle.KeyMaxLength);
        builder.HasIndex(t => t.UntilTicks); // the clean-up of ended ones
    }
}
