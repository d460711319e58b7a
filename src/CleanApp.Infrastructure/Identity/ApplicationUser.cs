using CleanApp.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace CleanApp.Infrastructure.Identity;

/// <summary>A user account: ASP.NET Core Identity's user (email, password hash, security stamp, lockout) plus ours.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>, IListedEntity
{
    public ApplicationUser()
    {
        Id = Guid.CreateVersion7();
    }

    public string? FullName { get; set; }

    public bool IsActive { get; set; } = true;

    public bool IsSuperuser { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
