using CleanApp.Application.Common.Errors;
using CleanApp.Domain.Common;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The one model of the app. Each provider has its own subclass only so that each has its own migrations
/// (EF Core ties a migration to a context type); the model itself is defined once, here.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Item> Items => Set<Item>();

    /// <summary>The queries compiled for this context's provider (a compiled query keeps the provider it first ran on).</summary>
    internal abstract CompiledQueries Compiled { get; }

    /// <summary>Each owner's number of items, kept by the database's triggers (read-only to the app).</summary>
    public DbSet<ItemCount> ItemCounts => Set<ItemCount>();

    /// <summary>When each migration was applied or reverted, for operators (<c>db status</c>).</summary>
    public DbSet<MigrationLogEntry> MigrationLog => Set<MigrationLogEntry>();

    /// <summary>ASP.NET Core DataProtection's keys (they sign password reset tokens), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // A feature's entity needs no set here: its configuration (Persistence/Configurations) is found below, and its
    // repository and queries use Set<TEntity>().
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // What an entity records (domain events) is written to the outbox, not mapped as a column.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IHasDomainEvents).IsAssignableFrom(e.ClrType)).ToList())
        {
            builder.Entity(entity.ClrType).Ignore(nameof(IHasDomainEvents.DomainEvents));
        }

        // An audited entity's version is its concurrency token: an update or delete of a row whose version changed
        // since it was read matches no row, and fails (AuditInterceptor sets the next version).
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IAuditedEntity).IsAssignableFrom(e.ClrType)).ToList())
        {
            builder.Entity(entity.ClrType).Property(nameof(IAuditedEntity.Version)).IsConcurrencyToken();
        }
    }

    /// <summary>
    /// Saves, and says so in the application's terms when another request changed one of the rows since it was read
    /// (<see cref="EditConflictException"/>): nothing of this save is kept. Identity's stores save through here too.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new EditConflictException(e);
        }
    }
}
