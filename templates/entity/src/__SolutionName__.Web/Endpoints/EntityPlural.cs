using System.ComponentModel;
using __SolutionName__.Application.Common.Paging;
using __SolutionName__.Application.EntityPlural;
using __SolutionName__.Web.Conditions;
using __SolutionName__.Web.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace __SolutionName__.Web.Endpoints;

/// <summary>The body of POST /entity-route.</summary>
public sealed record EntityNameCreate(string Name);

/// <summary>The body of PUT /entity-route/{id}: the new name.</summary>
public sealed record EntityNameUpdate(string Name);

/// <summary>TODO: what the EntityPlural feature offers. Routes map use cases: no business logic here (found by Api.MapApi).</summary>
internal sealed class EntityPlural : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder api)
    {
        var routes = api.MapGroup("/entity-route").WithTags("entity-route");
        routes.MapGet("/", GetEntityPluralAsync).Sends<GetEntityPluralQuery>().WithSummary("List the caller's EntityPlural (a superuser: everyone's), newest first").ProducesValidationProblem();
        routes.MapPost("/", CreateEntityNameAsync).Sends<CreateEntityNameCommand>().WithSummary("Create an EntityName owned by the caller").ProducesValidationProblem().CreatesResource().Versioned();
        routes.MapGet("/{id}", GetEntityNameAsync).Sends<GetEntityNameQuery>().WithSummary("Read an EntityName").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Versioned();
        routes.MapPut("/{id}", UpdateEntityNameAsync).Sends<UpdateEntityNameCommand>().WithSummary("Rename an EntityName").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Versioned();
        routes.MapDelete("/{id}", DeleteEntityNameAsync).Sends<DeleteEntityNameCommand>().WithSummary("Delete an EntityName").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Versioned();
    }

    private static async Task<BufferedOk<Page<EntityNameDto>>> GetEntityPluralAsync(
        ISender sender, CancellationToken cancellationToken, int skip = 0, int limit = IPagedQuery.DefaultLimit,
        [Description(Api.CursorDescription)] string? cursor = null) =>
        BufferedOk.Of(await sender.Send(new GetEntityPluralQuery(skip, limit, cursor), cancellationToken));

    private static async Task<Created<EntityNameDto>> CreateEntityNameAsync(EntityNameCreate body, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateEntityNameCommand(body.Name), cancellationToken);
        return TypedResults.Created($"{Api.BasePath}/entity-route/{created.Id}", created);
    }

    private static async Task<Ok<EntityNameDto>> GetEntityNameAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetEntityNameQuery(id), cancellationToken));

    private static async Task<Ok<EntityNameDto>> UpdateEntityNameAsync(Guid id, EntityNameUpdate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateEntityNameCommand(id, body.Name), cancellationToken));

    private static async Task<Ok<Confirmation>> DeleteEntityNameAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteEntityNameCommand(id), cancellationToken));
}
