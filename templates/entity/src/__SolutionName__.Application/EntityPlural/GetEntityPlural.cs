using __SolutionName__.Application.Common.Paging;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>The caller's EntityPlural, newest first (a superuser: everyone's), by skip or by cursor.</summary>
[SignedIn]
public sealed record GetEntityPluralQuery(int Skip = 0, int Limit = IPagedQuery.DefaultLimit, string? Cursor = null)
    : IQuery<Page<EntityNameDto>>, IPagedQuery;

internal sealed class GetEntityPluralQueryValidator : AbstractValidator<GetEntityPluralQuery>
{
    public GetEntityPluralQueryValidator() => Include(new PagedQueryValidator());
}

internal sealed class GetEntityPluralQueryHandler(IEntityNameQueries entityPlural, ICurrentUser currentUser)
    : IQueryHandler<GetEntityPluralQuery, Page<EntityNameDto>>
{
    public ValueTask<Page<EntityNameDto>> Handle(GetEntityPluralQuery query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        var ownerId = user.Has(EntityNamePermissions.ReadAny) ? (Guid?)null : user.Id;
        return new(entityPlural.ListAsync(ownerId, query.ToPageRequest(), cancellationToken));
    }
}
