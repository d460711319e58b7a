namespace CleanApp.Web.Errors;

/// <summary>
/// A refusal decided by the HTTP layer itself, about the request's headers rather than its use case (a malformed
/// If-Match or Idempotency-Key, a missing If-Match, a key reused for another request): answered as problem details with
/// this status by <see cref="ApiExceptionHandler"/>, with Retry-After when set.
/// </summary>
internal sealed class HttpProblemException(int status, string title, string detail, TimeSpan? retryAfter = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
