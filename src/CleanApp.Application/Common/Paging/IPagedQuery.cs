namespace CleanApp.Application.Common.Paging;

/// <summary>
/// A query for one slice of a newest-first list: skip the first <see cref="Skip"/>, or start after
/// <see cref="Cursor"/> (a page's <c>nextCursor</c>); then take at most <see cref="Limit"/>.
/// </summary>
public interface IPagedQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    int Skip { get; }

    int Limit { get; }

    string? Cursor { get; }
}

public static class PagedQueryExtensions
{
    /// <summary>The validated query as a request for a page (the validator has checked the cursor).</summary>
    public static PageRequest ToPageRequest(this IPagedQuery query) =>
        new(query.Skip, query.Limit, PageCursor.TryDecode(query.Cursor, out var cursor) ? cursor : null);
}

/// <summary>The paging bounds every list shares; a list query's validator includes it.</summary>
internal sealed class PagedQueryValidator : AbstractValidator<IPagedQuery>
{
    public PagedQueryValidator()
    {
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, IPagedQuery.MaxLimit);
        When(q => q.Cursor is not null, () =>
        {
            RuleFor(q => q.Cursor).Must(c => PageCursor.TryDecode(c, out _)).WithMessage("'Cursor' is not a cursor this API gave out.");
            RuleFor(q => q.Skip).Equal(0).WithMessage("Use either 'Skip' or 'Cursor', not both.");
        });
    }
}
