namespace CleanApp.Application.Common.Paging;

/// <summary>
/// One page of a list: the count is the total that matches, not the size of the page; the next cursor asks for the
/// page after this one (null when this page is the last).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Data, int Count, string? NextCursor = null)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Data.Select(map)], Count, NextCursor);
}
