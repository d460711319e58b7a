using __SolutionName__.Application.Common.Abstractions;
using __SolutionName__.Application.Common.Paging;
using FluentValidation;
using Mediator;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>The caller's EntityPlural, newest first (a superuser: everyone's).</summary>
public sealed record GetEntityPluralQuery(int Skip = 0, int Limit = IPagedQuery.DefaultLimit) : IQuery<Page<EntityNameDto>>;

internal sealed class GetEntityPluralQueryValidator : AbstractValidator<GetEntityPluralQuery>
{
    public GetEntityPluralQueryValidator()
    {
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, IPagedQuery.MaxLimit);
    }
}

internal sealed class GetEntityPluralQueryHandler(IEntityNameRepository repository, ICurrentUser currentUser)
    : IQueryHandler<GetEntityPluralQuery, Page<EntityNameDto>>
{
    public async ValueTask<Page<EntityNameDto>> Handle(GetEntityPluralQuery query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        var page = await repository.ListAsync(user.IsSuperuser ? null : user.Id, query.Skip, query.Limit, cancellationToken);
        return page.Map(EntityNameAccess.ToDto);
    }
}
