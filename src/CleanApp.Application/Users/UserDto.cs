using CleanApp.Application.Common;

namespace CleanApp.Application.Users;

/// <summary>An account as the API answers it: its fields, who created and last changed it when, and its version (the ETag).</summary>
public sealed record UserDto(
    Guid Id,
    string Email,
    string? FullName,
    bool IsActive,
    bool IsSuperuser,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy,
    int Version) : IVersionedAnswer;
