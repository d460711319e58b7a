namespace CleanApp.Application.Common.Paging;

/// <summary>One page of a list: the count is the total that matches, not the size of the page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, int Count)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Data.Select(map)], Count);
}
