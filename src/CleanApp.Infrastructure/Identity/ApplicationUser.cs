using CleanApp.Domain.Common;
using CleanApp.Domain.Users;

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

    /// <summary>Records that this new account was opened, by its owner or not (saved with it: what follows, after the commit).</summary>
    public void RecordRegistration(bool signedUp) => events.Add(new UserRegistered(Id, signedUp));

    /// <summary>
    /// A new address (the user name with it), and a new security stamp: every reset link mailed before stops working.
    /// Another address than before is not verified yet, and records <see cref="EmailChanged"/>: the previous one is
    /// told, with a way back (and the new one is mailed a verification link, where addresses are verified).
    /// </summary>
    public void ChangeEmail(string email, DateTimeOffset now)
    {
        var previous = Email;
        Email = email;
        UserName = email;
        if (!string.Equals(previous, email, StringComparison.OrdinalIgnoreCase))
        {
            SecurityStamp = Guid.NewGuid().ToString("N");
            EmailConfirmed = false;
            events.Add(new EmailChanged(Id, previous!, now));
        }
    }

    public void ClearDomainEvents() => events.Clear();

    /// <summary>Sign-in bookkeeping (failed attempts, lockout) and Identity's own concurrency stamp are not edits of the account.</summary>
    public bool IsEdit(string propertyName) => propertyName is not (nameof(AccessFailedCount) or nameof(LockoutEnd) or nameof(ConcurrencyStamp));
}
