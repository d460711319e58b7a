using System.ComponentModel;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Web.Conditions;
using CleanApp.Web.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

public sealed record ItemCreate(string Title, string? Description = null);

/// <summary>Only the fields sent change; <c>"description": null</c> clears the description.</summary>
public sealed record ItemUpdate(Optional<string> Title, Optional<string?> Description);

/// <summary>The caller's items (with items.read.any: everyone's). Who may touch which item is the use cases' business.</summary>
internal sealed class Items : IEndpointGroup
{
    public int Order => 3;

    public void Map(IEndpointRouteBuilder api)
    {
        var items = api.MapGroup("/items").WithTags("items");
        items.MapGet("/", ListAsync).Sends<ListItemsQuery>().WithSummary("List the caller's items (with items.read.any: everyone's), newest first").ProducesValidationProblem();
        items.MapPost("/", CreateAsync).Sends<CreateItemCommand>().WithSummary("Create an item owned by the caller").ProducesValidationProblem().CreatesResource().Versioned();
        items.MapGet("/{id}", GetAsync).Sends<GetItemQuery>().WithSummary("Read an item").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Versioned();
        items.MapPut("/{id}", UpdateAsync).Sends<UpdateItemCommand>().WithSummary("Change an item's title or description").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Versioned();
        items.MapDelete("/{id}", DeleteAsync).Sends<DeleteItemCommand>().WithSummary("Delete an item").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Versioned();
    }

    private static async Task<BufferedOk<Page<ItemDto>>> ListAsync(
        ISender sender, CancellationToken cancellationToken, int skip = 0, int limit = IPagedQuery.DefaultLimit,
        [Description(Api.CursorDescription)] string? cursor = null) =>
        BufferedOk.Of(await sender.Send(new ListItemsQuery(skip, limit, cursor), cancellationToken));

    private static async Task<Created<ItemDto>> CreateAsync(ItemCreate body, ISender sender, CancellationToken cancellationToken)
    {
        var item = await sender.Send(new CreateItemCommand(body.Title, body.Description), cancellationToken);
        return TypedResults.Created($"/api/v1/items/{item.Id}", item);
    }

    private static async Task<Ok<ItemDto>> GetAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetItemQuery(id), cancellationToken));

    private static async Task<Ok<ItemDto>> UpdateAsync(Guid id, ItemUpdate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateItemCommand(id, body.Title, body.Description), cancellationToken));

    private static async Task<Ok<Confirmation>> DeleteAsync(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteItemCommand(id), cancellationToken);
        return TypedResults.Ok(new Confirmation("Item deleted successfully"));
    }
}
