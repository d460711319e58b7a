namespace CleanApp.Application.Common;

/// <summary>
/// A value a partial update may or may not carry: unset leaves the field as it is, set (even to null) changes it.
/// </summary>
public readonly record struct Optional<T>
{
    private readonly T value;

    public Optional(T value)
    {
        this.value = value;
        HasValue = true;
    }

    public bool HasValue { get; }

    public T Value => HasValue ? value : throw new InvalidOperationException("The optional value is not set.");

    public override string ToString() => HasValue ? $"{value}" : "(unset)";
}
