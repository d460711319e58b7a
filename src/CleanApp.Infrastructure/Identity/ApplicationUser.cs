using CleanApp.Domain.Common;
using CleanApp.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace CleanApp.Infrastructure.Identity;

/// <summary>A user account: ASP.NET Core Identity's user (email, password hash, security stamp, lockout) plus ours.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>, IListedEntity, IAuditedEntity, IHasDomainEvents
{
    private readonly List<IDomainEvent> events = [];

    public ApplicationUser()
    {
        Id = Guid.CreateVersion7();
    }

    public string? FullName { get; set; }

    public bool IsActive { get; set; } = true;

    public bool IsSuperuser { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    public IReadOnlyCollection<IDomainEvent> DomainEvents => events;

    /// <summary>Records that this new account was opened (saved with it: the welcome mail follows the commit).</summary>
    public void RecordRegistration() => events.Add(new UserRegistered(Id));

    /// <summary>Records a password reset request (saved with the next save: the reset mail follows the commit).</summary>
    public void RecordPasswordResetRequest() => events.Add(new PasswordResetRequested(Id));

    public void ClearDomainEvents() => events.Clear();

    /// <summary>Sign-in bookkeeping (failed attempts, lockout) and Identity's own concurrency stamp are not edits of the account.</summary>
    public bool IsEdit(string propertyName) => propertyName is not (nameof(AccessFailedCount) or nameof(LockoutEnd) or nameof(ConcurrencyStamp));
}
