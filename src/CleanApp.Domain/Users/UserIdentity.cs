namespace CleanApp.Domain.Users;

/// <summary>Who is acting: the part of a user every access rule needs.</summary>
public sealed record UserIdentity(Guid Id, bool IsSuperuser, bool IsActive = true);
