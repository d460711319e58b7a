using System.Linq.Expressions;
using CleanApp.Domain.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanApp.Infrastructure.Persistence;

/// <summary>
/// The one place creation times, versions and who changed what are set, when changes are saved: a new
/// <see cref="IHasCreatedAt"/> entity gets its creation time; a new <see cref="IAuditedEntity"/> also version 1 and its
/// creator; an edited one the next version and its editor. An edited, deleted or saved-unchanged audited entity is
/// first held to the request's condition (<see cref="IWriteConditions"/>: If-Match) at the version it was read at, and
/// EF Core's concurrency check on the version column refuses a change to a row someone else changed since.
/// </summary>
internal sealed class AuditInterceptor(TimeProvider timeProvider, IWriteConditions conditions, ICurrentUser? currentUser = null) : SaveChangesInterceptor
{
    // The audited properties, named once: a lambda written at the call would build its expression tree on every save.
    private static readonly Expression<Func<IHasCreatedAt, DateTimeOffset>> CreatedAt = e => e.CreatedAt;
    private static readonly Expression<Func<IAuditedEntity, int>> Version = e => e.Version;
    private static readonly Expression<Func<IAuditedEntity, Guid?>> CreatedBy = e => e.CreatedBy;
    private static readonly Expression<Func<IAuditedEntity, DateTimeOffset>> UpdatedAt = e => e.UpdatedAt;
    private static readonly Expression<Func<IAuditedEntity, Guid?>> UpdatedBy = e => e.UpdatedBy;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = Now(timeProvider);
        var actor = currentUser?.User?.Id;
        foreach (var entry in context.ChangeTracker.Entries<IHasCreatedAt>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Property(CreatedAt).CurrentValue = now;
            }
        }

        foreach (var entry in context.ChangeTracker.Entries<IAuditedEntity>())
        {
            var version = entry.Property(Version);
            switch (entry.State)
            {
                case EntityState.Added:
                    version.CurrentValue = 1;
                    entry.Property(CreatedBy).CurrentValue = actor;
                    entry.Property(UpdatedAt).CurrentValue = now;
                    entry.Property(UpdatedBy).CurrentValue = actor;
                    break;
                case EntityState.Modified when IsEdited(entry):
                    conditions.Check(version.OriginalValue);
                    version.CurrentValue = version.OriginalValue + 1;
                    entry.Property(UpdatedAt).CurrentValue = now;
                    entry.Property(UpdatedBy).CurrentValue = actor;
                    break;
                case EntityState.Modified or EntityState.Deleted or EntityState.Unchanged:
                    // A delete, or a change that edits nothing, still needs the caller to have seen this version.
                    conditions.Check(version.OriginalValue);
                    break;
            }
        }
    }

    /// <summary>The time a change is stamped with: now, to the microsecond (PostgreSQL keeps microseconds, so the value saved equals the value read back).</summary>
    internal static DateTimeOffset Now(TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }

    private static bool IsEdited(EntityEntry<IAuditedEntity> entry) =>
        entry.Properties.Any(p => p.IsModified && entry.Entity.IsEdit(p.Metadata.Name));
}
