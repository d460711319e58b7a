using __SolutionName__.Domain.EntityPlural;
using __SolutionName__.Infrastructure.Identity;

namespace __SolutionName__.Infrastructure.Persistence.Configurations;

internal sealed class EntityNameConfiguration : IEntityTypeConfiguration<EntityName>
{
    public void Configure(EntityTypeBuilder<EntityName> builder)
    {
        builder.ToTable("entity_table");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Name).HasMaxLength(EntityName.NameMaxLength);

        // The database removes a deleted user's EntityPlural.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);

        // "A user's EntityPlural, newest first", the id keeping pages stable; it also serves the foreign key.
        builder.HasIndex(e => new { e.OwnerId, e.CreatedAt, e.Id }).IsDescending(false, true, true);
    }
}
