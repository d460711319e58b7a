using CleanApp.Domain.Common;

namespace CleanApp.Domain.Users;

/// <summary>
/// An account was opened: by its owner (<see cref="SignedUp"/>) or by an administrator. Carries the id and how, not the
/// fields: handlers read what is current. (Messages recorded before <see cref="SignedUp"/> existed read as opened by
/// an administrator, as they were handled then.)
/// </summary>
public sealed record UserRegistered(Guid UserId, bool SignedUp = false) : IDomainEvent;

/// <summary>
/// Someone asked for a password reset for this address. Recorded for any address, known or not, so the request does
/// the same work either way; the handler finds the account, and makes the token when it mails it (no secret waits in
/// the outbox).
/// </summary>
public sealed record PasswordRecoveryRequested(string Email) : IDomainEvent;

/// <summary>
/// The account's email changed from <see cref="PreviousEmail"/>: the previous address is told, with a way back (a
/// stolen session must not keep the account).
/// </summary>
public sealed record EmailChanged(Guid UserId, string PreviousEmail, DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>The account's owner asked for another verification link (the handler mails it, unless the address is verified by then).</summary>
public sealed record EmailVerificationRequested(Guid UserId) : IDomainEvent;
