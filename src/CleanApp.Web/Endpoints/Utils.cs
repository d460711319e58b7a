using CleanApp.Application.Common;
using CleanApp.Application.Utils;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

internal static class Utils
{
    public static void MapUtils(this IEndpointRouteBuilder api)
    {
        var utils = api.MapGroup("/utils").WithTags("utils");
        utils.MapPost("/test-email", SendTestEmailAsync).WithName("TestEmail").WithSummary("Send a test email (superuser)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        utils.MapGet("/health-check", () => TypedResults.Ok(true)).WithName("HealthCheck").WithSummary("Answer true when the API serves").AllowAnonymous();
    }

    private static async Task<Created<Confirmation>> SendTestEmailAsync(string emailTo, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Created((string?)null, await sender.Send(new SendTestEmailCommand(emailTo), cancellationToken));
}
