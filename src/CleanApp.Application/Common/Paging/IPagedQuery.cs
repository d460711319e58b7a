using FluentValidation;

namespace CleanApp.Application.Common.Paging;

/// <summary>A query for one slice of a list: skip the first <see cref="Skip"/>, then take at most <see cref="Limit"/>.</summary>
public interface IPagedQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    int Skip { get; }

    int Limit { get; }
}

/// <summary>The paging bounds every list shares; a list query's validator includes it.</summary>
internal sealed class PagedQueryValidator : AbstractValidator<IPagedQuery>
{
    public PagedQueryValidator()
    {
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, IPagedQuery.MaxLimit);
    }
}
