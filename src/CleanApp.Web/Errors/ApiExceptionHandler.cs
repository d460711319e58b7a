using System.Globalization;
using System.Text.Json;
using CleanApp.Application.Common.Errors;
using CleanApp.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanApp.Web.Errors;

/// <summary>
/// The one place failures become HTTP answers: RFC 9457 problem details with a human <c>detail</c>, and for
/// validation failures an <c>errors</c> map of camelCase field names to messages. Anything not listed here is
/// an unexpected error: a 500 without internals, logged with its stack trace.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException e => Validation(e.Errors.GroupBy(f => Field(f.PropertyName), f => f.ErrorMessage)),
            DomainException e => Validation(new[] { e.Message }.GroupBy(_ => Field(e.Field ?? string.Empty))),
            BadHttpRequestException e => Problem(e.StatusCode, "The request could not be read", e.Message),
            BadRequestException e => Problem(StatusCodes.Status400BadRequest, "Bad request", e.Message),
            UnauthenticatedException => Unauthenticated.Problem(),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            TooManyRequestsException e => Problem(StatusCodes.Status429TooManyRequests, "Too many requests", e.Message),
            UnavailableException e => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", e.Message),
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
                httpContext.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                break;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(IEnumerable<IGrouping<string, string>> errors)
    {
        var map = errors.ToDictionary(g => g.Key, g => g.Distinct().ToArray());
        return new HttpValidationProblemDetails(map)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Validation failed",
            Detail = string.Join(" ", map.Values.SelectMany(m => m)),
        };
    }

    /// <summary>"Title" → "title", as the field is named in the JSON the client sent.</summary>
    private static string Field(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => JsonNamingPolicy.CamelCase.ConvertName(part)));
}
