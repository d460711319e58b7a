using CleanApp.Infrastructure.Identity;

namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class ItemCountConfiguration : IEntityTypeConfiguration<ItemCount>
{
    public void Configure(EntityTypeBuilder<ItemCount> builder)
    {
        builder.ToTable("item_counts");
        builder.HasKey(c => c.OwnerId);
        builder.Property(c => c.OwnerId).ValueGeneratedNever();
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<ItemCount>(c => c.OwnerId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_item_counts_users_owner_id");
    }
}
