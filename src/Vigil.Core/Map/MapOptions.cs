namespace Vigil.Map;

/// <summary>Options for <see cref="CloudTrailMapper"/>.</summary>
public sealed record MapOptions
{
    /// <summary>The defaults: no <c>event.original</c>.</summary>
    public static MapOptions Default { get; } = new();

    /// <summary>
    /// Keeps the record as JSON text in <c>event.original</c>. The text is the parsed record written
    /// out again, so whitespace and escaping may differ from the bytes of the file.
    /// </summary>
    public bool KeepOriginal { get; init; }
}
