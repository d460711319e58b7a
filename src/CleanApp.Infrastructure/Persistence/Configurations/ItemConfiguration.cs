using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Identity;

namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.ToTable("items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(Item.TitleMaxLength);
        builder.Property(i => i.Description).HasMaxLength(Item.DescriptionMaxLength);

        // The database, not the application, removes a deleted user's items.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.OwnerId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_items_users_owner_id");

        // "A user's items, newest first" and "everyone's items, newest first" (the superuser's list), with
        // the id as the tie-break that keeps pages stable. The first also serves the foreign key.
        builder.HasIndex(i => new { i.OwnerId, i.CreatedAt, i.Id }).IsDescending(false, true, true);
        builder.HasIndex(i => new { i.CreatedAt, i.Id }).IsDescending(true, true);
    }
}
