namespace CleanApp.Application.Auth;

/// <summary>
/// The single-use links that prove an account's address: made for the address the account has now, kept by the
/// identity store as hashes, spent all at once when one is used. Changes are tracked for the use case's unit of work.
/// </summary>
public interface IEmailVerifications
{
    /// <summary>
    /// A token for the account's current address, valid until <paramref name="validUntil"/>; null when the account is
    /// gone or its address is verified already.
    /// </summary>
    Task<EmailVerificationLink?> CreateAsync(Guid userId, DateTimeOffset validUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the address verified with a token made for it, which is spent with every other of the account; the
    /// account's id, or null when the token is unknown, spent, expired, or made for an address the account no longer has.
    /// </summary>
    Task<Guid?> VerifyAsync(string token, CancellationToken cancellationToken);
}

/// <summary>The address a verification link goes to, and its token.</summary>
public sealed record EmailVerificationLink(string Email, string Token);
