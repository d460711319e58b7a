namespace CleanApp.Application.Items;

public sealed record ItemDto(Guid Id, string Title, string? Description, Guid OwnerId, DateTimeOffset CreatedAt);
