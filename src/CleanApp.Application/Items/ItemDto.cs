namespace CleanApp.Application.Items;

/// <summary>An item as the API answers it: its fields, who created and last changed it when, and its version (the ETag).</summary>
public sealed record ItemDto(
    Guid Id,
    string Title,
    string? Description,
    Guid OwnerId,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy,
    int Version) : IVersionedAnswer;
