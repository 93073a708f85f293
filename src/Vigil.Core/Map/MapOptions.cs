namespace Vigil.Map;

/// <summary>Options for <see cref="CloudTrailMapper"/>.</summary>
public sealed record MapOptions
{
    /// <summary>The defaults: no <c>event.original</c>.</summary>
    public static MapOptions Default { get; } = new();

    /// <summary>
    /// Keeps the record's text in <c>event.original</c>: the text the caller passes to
    /// <see cref="CloudTrailMapper.Map(System.Text.Json.Nodes.JsonObject, MapOptions, string?)"/>, as
    /// read from the file. Without it, the parsed record is written out again, so whitespace and
    /// escaping may differ from the bytes of the file.
    /// </summary>
    public bool KeepOriginal { get; init; }
}
