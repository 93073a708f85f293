namespace Vigil.Read;

/// <summary>
/// The position of a record in its file, kept as numbers until <see cref="ReadItem.Location"/> is read.
/// A hunt reads the location of few records (those with alerts or errors), and formatting it for every
/// record took about 1 % of a 1 GB hunt's processor time (perf).
/// </summary>
/// <param name="Line">The 1-based line, or 0 when the location names no line.</param>
/// <param name="Noun">What the record is called in its array (<c>record</c>, <c>event</c>), or null when the location names no index.</param>
/// <param name="Index">The record's 1-based index in its array.</param>
internal readonly record struct ItemPlace(long Line, string? Noun, long Index)
{
    /// <summary>Creates the position of a record named by its index alone: <c>record 4</c>.</summary>
    public static ItemPlace OfRecord(long index) => new(0, "record", index);

    /// <summary>Creates the position of a record named by its line alone: <c>line 12</c>.</summary>
    public static ItemPlace OfLine(long line) => new(line, null, 0);

    /// <summary>Formats the location text that <see cref="ReadItem.Location"/> returns.</summary>
    public string Describe() => (Line, Noun) switch
    {
        (0, _) => $"{Noun} {Index}",
        (_, null) => $"line {Line}",
        _ => $"line {Line}, {Noun} {Index}",
    };
}
