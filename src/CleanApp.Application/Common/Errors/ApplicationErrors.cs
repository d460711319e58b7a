namespace CleanApp.Application.Common.Errors;

/// <summary>A use case could not be carried out; the outer layer turns each kind into its status code.</summary>
public abstract class ApplicationErrorException(string message, Exception? cause = null) : Exception(message, cause);

/// <summary>The thing asked for does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string message) : ApplicationErrorException(message);

/// <summary>The caller is known but not allowed to do this.</summary>
public sealed class ForbiddenException(string message) : ApplicationErrorException(message);

/// <summary>The caller is not authenticated.</summary>
public sealed class UnauthenticatedException() : ApplicationErrorException("Not authenticated");

/// <summary>The request clashes with the current state (a taken email, say).</summary>
public sealed class ConflictException(string message) : ApplicationErrorException(message);

/// <summary>
/// A value that must be unique is taken by another row (a concurrent request got there first): 409. A use case that
/// expects it says which value (a role's name) with a <see cref="ConflictException"/> of its own.
/// </summary>
public sealed class DuplicateKeyException(Exception? cause = null)
    : ApplicationErrorException("Another resource has this unique value already; nothing was saved.", cause);

/// <summary>The request is well-formed but cannot be honoured as sent (a wrong password, say).</summary>
public sealed class BadRequestException(string message) : ApplicationErrorException(message);

/// <summary>
/// An OAuth2 grant that cannot be honoured (RFC 6749 §5.2 <c>invalid_grant</c>): a refresh token unknown, expired,
/// spent or of a revoked session.
/// </summary>
public sealed class InvalidGrantException(string message) : ApplicationErrorException(message);

/// <summary>
/// The password was right and the account signs in with a second step: no session yet, only a short-lived token for
/// the second step (401 <c>{"error": "mfa_required", "mfa_token": ...}</c>).
/// </summary>
public sealed class MfaRequiredException(string mfaToken) : ApplicationErrorException("A second sign-in step is required: a TOTP or a recovery code")
{
    public string MfaToken { get; } = mfaToken;
}

/// <summary>
/// Well-formed names that name nothing (a permission the catalog does not have, a role that does not exist): 422 in
/// either profile, each name in its own message under <see cref="Field"/>.
/// </summary>
public sealed class UnknownNamesException(string field, IReadOnlyList<string> messages) : ApplicationErrorException(string.Join(" ", messages))
{
    public string Field { get; } = field;

    public IReadOnlyList<string> Messages { get; } = messages;
}

/// <summary>The caller must wait before trying again (an account locked after failed sign-ins).</summary>
public sealed class TooManyRequestsException(string message, TimeSpan? retryAfter = null) : ApplicationErrorException(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>A service the request needs is not configured or not reachable (mail, say).</summary>
public sealed class UnavailableException(string message) : ApplicationErrorException(message);

/// <summary>The request's condition (If-Match) does not hold: the entity is at another version than the caller expects.</summary>
public sealed class PreconditionFailedException(int currentVersion)
    : ApplicationErrorException("The resource has changed since you read it: If-Match does not name its current ETag. Read it again and reapply your change.")
{
    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>Two changes of one entity raced: another request saved a new version after this one read it, so this one saved nothing.</summary>
public sealed class EditConflictException(Exception? cause = null)
    : ApplicationErrorException("The resource was changed by another request at the same time; nothing was saved. Read it again and reapply your change.", cause);
