using CleanApp.Domain.Common;

namespace CleanApp.Domain.Users;

/// <summary>An account was opened (signed up, or created by a superuser). Carries the id only: handlers read what is current.</summary>
public sealed record UserRegistered(Guid UserId) : IDomainEvent;

/// <summary>
/// The user asked for a password reset. The token is made when the mail is sent, so no secret waits in the outbox;
/// one request waits per user at a time.
/// </summary>
public sealed record PasswordResetRequested(Guid UserId) : IDeduplicatedEvent
{
    public string DeduplicationKey => $"password-reset:{UserId}";
}
