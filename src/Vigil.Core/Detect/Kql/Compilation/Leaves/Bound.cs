namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>One end of a range; <see cref="Unbounded"/> when the query gives none.</summary>
internal readonly record struct Bound<T>(T Value, bool Inclusive, bool IsSet)
{
    public static Bound<T> Unbounded => default;

    public static Bound<T> At(T value, bool inclusive) => new(value, inclusive, true);

    /// <summary>True when <paramref name="comparison"/> (value compared with the bound) is on the allowed side of a lower bound.</summary>
    public bool AllowsAsLower(int comparison) => !IsSet || comparison > 0 || (Inclusive && comparison == 0);

    /// <summary>True when <paramref name="comparison"/> (value compared with the bound) is on the allowed side of an upper bound.</summary>
    public bool AllowsAsUpper(int comparison) => !IsSet || comparison < 0 || (Inclusive && comparison == 0);
}
