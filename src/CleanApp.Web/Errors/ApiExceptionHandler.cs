using System.Globalization;
using CleanApp.Application.Common.Errors;
using CleanApp.Domain.Common;
using FluentValidation;
using CleanApp.Web.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CleanApp.Web.Errors;

/// <summary>
/// The one place failures become HTTP answers: RFC 9457 problem details with a human <c>detail</c>, and for
/// validation failures an <c>errors</c> map of field names (as the JSON spells them) to messages. Anything not listed here is
/// an unexpected error: a 500 without internals, logged with its stack trace. Invalid input is 400, or 422 in the
/// snake_case profile (FastAPI's status for a request its models refuse); well-formed names that name nothing (an
/// unknown permission or role) are 422 in both.
/// </summary>
internal sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails, IFaultClassifier faults, IWriteConditions conditions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ApiJsonSettings profile,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private readonly JsonNamingPolicy naming = json.Value.SerializerOptions.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase;
    private readonly int invalidInput = profile.InvalidInputStatus;

    /// <summary>What a 503 for a passing database fault asks the client to wait before trying again.</summary>
    public static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(5);

    public const string DatabaseUnavailable = "The database is unavailable or not answering. Try again shortly.";

    public const string UnstorableText = "Text may not contain the NUL character (\\u0000).";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException e => Validation(e.Errors.GroupBy(f => Field(f.PropertyName), f => f.ErrorMessage)),
            UnknownNamesException e => Validation(e.Messages.GroupBy(_ => Field(e.Field)), StatusCodes.Status422UnprocessableEntity),
            DomainException e => Validation(new[] { e.Message }.GroupBy(_ => Field(e.Field ?? string.Empty))),
            BadHttpRequestException { InnerException: JsonException json } e => Problem(InvalidInput(e), "The request could not be read", JsonErrors.Describe(json)),
            BadHttpRequestException e => Problem(InvalidInput(e), "The request could not be read", e.Message),
            BadRequestException e => Problem(StatusCodes.Status400BadRequest, "Bad request", e.Message),
            // RFC 6749 §5.2: OAuth2 clients read the error code from "error".
            InvalidGrantException e => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid grant", Detail = e.Message, Extensions = { ["error"] = "invalid_grant", ["error_description"] = e.Message } },
            UnauthenticatedException => Unauthenticated.Problem(),
            // No session yet: the token endpoint's second step takes this token (OAuth2-style names, as invalid_grant's).
            MfaRequiredException e => new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized, Title = "Second step required", Detail = e.Message,
                Extensions = { ["error"] = "mfa_required", ["mfa_token"] = e.MfaToken },
            },
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            DuplicateKeyException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            PreconditionFailedException e => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", e.Message),
            // A race lost to another edit: the caller's If-Match no longer holds (412); without one, a conflict (409).
            EditConflictException e when conditions.IsConditional => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", e.Message),
            EditConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            HttpProblemException e => Problem(e.Status, e.Title, e.Message),
            TooManyRequestsException e => Problem(StatusCodes.Status429TooManyRequests, "Too many requests", e.Message),
            UnavailableException e => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", e.Message),
            _ when faults.IsUnstorableInput(exception) => Problem(StatusCodes.Status400BadRequest, "Bad request", UnstorableText),
            _ when faults.IsTransient(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", DatabaseUnavailable),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        switch (exception)
        {
            case UnauthenticatedException:
                httpContext.Response.Headers.WWWAuthenticate = Unauthenticated.Challenge(httpContext.Request);
                break;
            case TooManyRequestsException { RetryAfter: { } wait }:
                httpContext.Response.Headers.RetryAfter = Seconds(wait);
                break;
            case HttpProblemException { RetryAfter: { } wait }:
                httpContext.Response.Headers.RetryAfter = Seconds(wait);
                break;
            case not ApplicationErrorException when problem.Status == StatusCodes.Status503ServiceUnavailable:
                // The client is told to come back; the operator is told why (the request log shows only the 503).
                LogDatabaseFault(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
                httpContext.Response.Headers.RetryAfter = Seconds(DatabaseRetryAfter);
                break;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        // Handled either way: a client that accepts no JSON gets the status code (and headers) with an empty body.
        await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A database fault answered {Method} {Path} with 503")]
    private static partial void LogDatabaseFault(ILogger logger, Exception exception, string method, PathString path);

    /// <summary>A request the server could not bind (400) is invalid input; its other refusals (413, 415, ...) keep their status.</summary>
    private int InvalidInput(BadHttpRequestException e) => e.StatusCode == StatusCodes.Status400BadRequest ? invalidInput : e.StatusCode;

    private static string Seconds(TimeSpan wait) => Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private HttpValidationProblemDetails Validation(IEnumerable<IGrouping<string, string>> errors, int? status = null)
    {
        var map = errors.ToDictionary(g => g.Key, g => g.Distinct().ToArray());
        return new HttpValidationProblemDetails(map)
        {
            Status = status ?? invalidInput,
            Title = "Validation failed",
            Detail = string.Join(" ", map.Values.SelectMany(m => m)),
        };
    }

    /// <summary>"FullName" → "fullName" (or "full_name" in the snake_case profile), as the field is named in the JSON the client sent.</summary>
    private string Field(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(naming.ConvertName));
}
