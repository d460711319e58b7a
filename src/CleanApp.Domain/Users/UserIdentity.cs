namespace CleanApp.Domain.Users;

/// <summary>Who is acting: the part of a user every access rule needs, and the sign-in session they act in.</summary>
public sealed record UserIdentity(Guid Id, bool IsSuperuser, bool IsActive = true, Guid? SessionId = null);
