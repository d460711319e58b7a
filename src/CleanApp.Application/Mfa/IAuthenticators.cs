namespace CleanApp.Application.Mfa;

/// <summary>
/// An account's second sign-in step, on ASP.NET Core Identity's authenticator keys (RFC 6238 TOTP, its ±2 time steps)
/// and recovery codes, kept in Identity's user tokens (the codes as SHA-256 hashes). Changes are tracked for the use
/// case's unit of work.
/// </summary>
public interface IAuthenticators
{
    /// <summary>A new authenticator key (base32), replacing any earlier one; not in use until <see cref="EnableAsync"/>.</summary>
    Task<string> NewKeyAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="code"/> is a TOTP of the account's key now (false when it has none).</summary>
    Task<bool> IsCodeAsync(Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>Turns the second step on, with a new set of single-use recovery codes (answered, never stored as such).</summary>
    Task<IReadOnlyList<string>> EnableAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>A new set of recovery codes; the earlier set is spent.</summary>
    Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Spends one of the account's recovery codes (tracked, not saved); the hash it is kept as, or null when the account
    /// has no such unspent code.
    /// </summary>
    Task<string?> RedeemRecoveryCodeAsync(Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>Turns the second step off: the key and the recovery codes are gone.</summary>
    Task DisableAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>
/// The short-lived token a password sign-in of an account with a second step answers instead of a session: it names
/// the account and nothing else, grants no access, and is good for one second step within minutes.
/// </summary>
public interface IMfaTokens
{
    string Issue(Guid userId);

    /// <summary>The account and the token's own id, or null when the token is not one of ours or has expired.</summary>
    MfaTokenContent? Read(string token);
}

public sealed record MfaTokenContent(Guid UserId, Guid TokenId);
