    private static async Task<global::__SolutionName__.Web.Json.BufferedOk<global::__SolutionName__.Application.Common.Paging.Page<EntityNameDto>>> GetEntityPluralAsync(
        ISender sender, CancellationToken cancellationToken, int skip = 0, int limit = global::__SolutionName__.Application.Common.Paging.IPagedQuery.DefaultLimit) =>
        global::__SolutionName__.Web.Json.BufferedOk.Of(await sender.Send(new GetEntityPluralQuery(skip, limit), cancellationToken));

    private static async Task<Created<EntityNameDto>> CreateEntityNameAsync(EntityNameCreate body, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateEntityNameCommand(body.Name), cancellationToken);
        return TypedResults.Created($"/api/v1/entity-route/{created.Id}", created);
    }

    private static async Task<Ok<EntityNameDto>> GetEntityNameAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetEntityNameQuery(id), cancellationToken));

    private static async Task<Ok<EntityNameDto>> UpdateEntityNameAsync(Guid id, EntityNameUpdate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateEntityNameCommand(id, body.Name), cancellationToken));

    private static async Task<Ok<global::__SolutionName__.Application.Common.Confirmation>> DeleteEntityNameAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteEntityNameCommand(id), cancellationToken));

    /// <summary>The body of POST /entity-route.</summary>
    internal sealed record EntityNameCreate(string Name);

    /// <summary>The body of PUT /entity-route/{id}: the new name.</summary>
    internal sealed record EntityNameUpdate(string Name);

