namespace CleanApp.Application.Sessions;

/// <summary>A live session as the API answers it; <c>Current</c> marks the one the request's token belongs to.</summary>
public sealed record SessionDto(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? UserAgent, string? ClientAddress, bool Current);
