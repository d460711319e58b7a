using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Identity;

namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration :
    IEntityTypeConfiguration<ApplicationUser>,
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Email).HasMaxLength(UserRules.EmailMaxLength);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(UserRules.EmailMaxLength);
        builder.Property(u => u.UserName).HasMaxLength(UserRules.EmailMaxLength);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(UserRules.EmailMaxLength);
        builder.Property(u => u.FullName).HasMaxLength(UserRules.FullNameMaxLength);

        // Identity's defaults, renamed to the snake_case scheme; emails are unique case-insensitively
        // (Identity normalizes them), enforced by the database, not only by a check before insert.
        builder.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name").IsUnique();
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email").IsUnique();
        builder.HasIndex(u => new { u.CreatedAt, u.Id }).IsDescending(true, true);
    }

    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) => builder.ToTable("user_claims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("user_logins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) => builder.ToTable("user_tokens");
}
