using CleanApp.Application.Roles;
using CleanApp.Infrastructure.Identity;

namespace CleanApp.Infrastructure.Persistence.Configurations;

/// <summary>
/// Identity's roles, role claims (a role's permissions: claim type <c>permission</c>) and user roles, renamed to the
/// snake_case scheme. Deleting a role or a user deletes their rows here (Identity's cascades).
/// </summary>
internal sealed class RoleConfiguration :
    IEntityTypeConfiguration<IdentityRole<Guid>>,
    IEntityTypeConfiguration<IdentityRoleClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder)
    {
        builder.ToTable("roles");
        builder.Property(r => r.Name).HasMaxLength(RoleDto.NameMaxLength);
        builder.Property(r => r.NormalizedName).HasMaxLength(RoleDto.NameMaxLength);
        builder.HasIndex(r => r.NormalizedName).HasDatabaseName("ix_roles_normalized_name").IsUnique();
    }

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> builder)
    {
        builder.ToTable("role_claims");
        builder.Property(c => c.ClaimType).HasMaxLength(50);
        builder.Property(c => c.ClaimValue).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> builder)
    {
        // The primary key (user_id, role_id) is the index the per-request read of a user's permissions uses.
        builder.ToTable("user_roles");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(ur => ur.UserId).IsRequired().HasConstraintName("fk_user_roles_users_user_id");
    }
}
