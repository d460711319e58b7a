using CleanApp.Application.Utils;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanApp.Web.Endpoints;

internal sealed class Utils : IEndpointGroup
{
    public int Order => 4;

    public void Map(IEndpointRouteBuilder api)
    {
        var naming = api.ServiceProvider.GetRequiredService<ApiJsonSettings>().Naming;
        var utils = api.MapGroup("/utils").WithTags("utils");
        // The query parameter is spelt as the profile spells names: emailTo, or email_to (snake_case).
        // The snake_case handler is built at run time (Api.BuiltAtRunTime): the generator gives two handlers of the same
        // route and signature one generated delegate, and the one it kept read the other's parameter name.
#pragma warning disable RDG002 // on purpose: see Api.BuiltAtRunTime
        var testEmail = naming == JsonNaming.SnakeCase
            ? utils.MapPost("/test-email", Api.BuiltAtRunTime(SendTestEmailSnakeCaseAsync))
            : utils.MapPost("/test-email", SendTestEmailAsync);
#pragma warning restore RDG002
        testEmail.WithName("TestEmail").WithSummary("Send a test email (utils.test-email)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        utils.MapGet("/health-check", () => TypedResults.Ok(true)).WithName("HealthCheck").WithSummary("Answer true when the API serves").AllowAnonymous();
    }

    private static async Task<Created<Confirmation>> SendTestEmailAsync(string emailTo, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Created((string?)null, await sender.Send(new SendTestEmailCommand(emailTo), cancellationToken));

    private static Task<Created<Confirmation>> SendTestEmailSnakeCaseAsync([FromQuery(Name = "email_to")] string emailTo, ISender sender, CancellationToken cancellationToken) =>
        SendTestEmailAsync(emailTo, sender, cancellationToken);
}
