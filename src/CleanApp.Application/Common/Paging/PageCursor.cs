using System.Buffers.Binary;
using System.Buffers.Text;

namespace CleanApp.Application.Common.Paging;

/// <summary>
/// Where a page of a newest-first list ended: the creation time and id of its last entry. The next page starts
/// strictly after it, so it costs what the first page costs however deep it is, and entries added meanwhile cause
/// neither gaps nor repeats. Opaque to clients: URL-safe base64 of the time's UTC ticks and the id.
/// </summary>
public readonly record struct PageCursor(DateTimeOffset At, Guid Id)
{
    private const int Length = 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out PageCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[Length];
        if (text is null || text.Length > 64 || !Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new PageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..], bigEndian: true));
        return true;
    }

    /// <summary>The cursor after the last entry of <paramref name="page"/> when it is full (there may be more), else null.</summary>
    public static string? After<T>(IReadOnlyList<T> page, int limit, Func<T, PageCursor> position) =>
        page.Count == limit && page.Count > 0 ? position(page[^1]).Encode() : null;
}

/// <summary>What a list query asks for: skip the first <see cref="Skip"/>, or start after <see cref="After"/>; then at most <see cref="Limit"/>.</summary>
public sealed record PageRequest(int Skip, int Limit, PageCursor? After = null);
