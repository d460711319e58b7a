//#if (isCommand)
    private static async Task<Ok<UseCaseNameResult>> UseCaseNameAsync(UseCaseNameCommand body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(body, cancellationToken));
//#else
    private static async Task<Ok<UseCaseNameResult>> UseCaseNameAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UseCaseNameQuery(), cancellationToken));
//#endif

