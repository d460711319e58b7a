using CleanApp.Domain.Sessions;
using CleanApp.Infrastructure.Identity;

namespace CleanApp.Infrastructure.Persistence.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UserAgent).HasMaxLength(Session.UserAgentMaxLength);
        builder.Property(s => s.ClientAddress).HasMaxLength(Session.ClientAddressMaxLength);
        // A deleted user's sessions go with them (the database's cascade), and with them every token they gave out.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_sessions_users_user_id");
        builder.HasIndex(s => s.UserId); // a user's list, and revoking all of them
        builder.HasIndex(s => s.ExpiresAt); // the clean-up of ended sessions
    }
}
