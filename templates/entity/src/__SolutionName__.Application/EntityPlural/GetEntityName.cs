namespace __SolutionName__.Application.EntityPlural;

/// <summary>Reads one EntityName: the caller's own, or any for a superuser.</summary>
[SignedIn]
public sealed record GetEntityNameQuery(Guid Id) : IQuery<EntityNameDto>;

internal sealed class GetEntityNameQueryHandler(IEntityNameRepository repository, ICurrentUser currentUser)
    : IQueryHandler<GetEntityNameQuery, EntityNameDto>
{
    public async ValueTask<EntityNameDto> Handle(GetEntityNameQuery query, CancellationToken cancellationToken) =>
        (await repository.FindAccessibleAsync(query.Id, currentUser, EntityNamePermissions.ReadAny, cancellationToken)).ToDto();
}
