using __SolutionName__.Application.FeatureName;
//#if (isCommand)
using __SolutionName__.Web.Idempotency;
//#endif
using Microsoft.AspNetCore.Http.HttpResults;

namespace __SolutionName__.Web.Endpoints;

/// <summary>UseCaseName over HTTP, in the FeatureName group: maps the use case, no business logic here (found by Api.MapApi).</summary>
internal sealed class UseCaseNameEndpoint : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder api) =>
//#if (isCommand)
        api.MapGroup("/feature-route").WithTags("feature-route")
            .MapPost("/use-case-route", UseCaseNameAsync).Sends<UseCaseNameCommand>().WithSummary("TODO: what UseCaseName does").ProducesValidationProblem()
            .AcceptsIdempotencyKey(); // a client's retry with the same Idempotency-Key gets the first answer, not a second run

    private static async Task<Ok<UseCaseNameResult>> UseCaseNameAsync(UseCaseNameCommand body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(body, cancellationToken));
//#else
        api.MapGroup("/feature-route").WithTags("feature-route")
            .MapGet("/use-case-route", UseCaseNameAsync).Sends<UseCaseNameQuery>().WithSummary("TODO: what UseCaseName reads").ProducesValidationProblem();

    private static async Task<Ok<UseCaseNameResult>> UseCaseNameAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UseCaseNameQuery(), cancellationToken));
//#endif
}
