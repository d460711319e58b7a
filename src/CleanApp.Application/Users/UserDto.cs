namespace CleanApp.Application.Users;

public sealed record UserDto(Guid Id, string Email, string? FullName, bool IsActive, bool IsSuperuser, DateTimeOffset CreatedAt);
