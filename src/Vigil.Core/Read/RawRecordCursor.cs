namespace Vigil.Read;

/// <summary>
/// The bytes of the unparsed record that <see cref="CloudTrailReader.ReadFileRaw(Stream, string, RawRecordCursor)"/>
/// yielded last. They are valid until the enumeration moves on.
/// </summary>
internal sealed class RawRecordCursor
{
    internal RecordStreamReader? Reader { get; set; }

    /// <summary>The record's JSON bytes.</summary>
    public ReadOnlySpan<byte> Bytes => Reader is { } reader ? reader.RawRecord : [];

    /// <summary>The record's byte offset in the decompressed data.</summary>
    public long Offset => Reader?.RawRecordOffset ?? 0;
}
