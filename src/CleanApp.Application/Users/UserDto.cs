namespace CleanApp.Application.Users;

/// <summary>
/// An account as the API answers it: its fields, who created and last changed it when, its version (the ETag), its
/// roles (<c>admin</c> for a superuser) and the permissions they grant together. <see cref="EmailVerified"/>: the address
/// was proven by a link mailed to it; <see cref="MfaEnabled"/>: signing in takes a second step (a TOTP or a recovery code).
/// </summary>
public sealed record UserDto(
    Guid Id,
    string Email,
    string? FullName,
    bool IsActive,
    bool IsSuperuser,
    bool EmailVerified,
    bool MfaEnabled,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy,
    int Version,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Permissions) : IVersionedAnswer;
