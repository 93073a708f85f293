namespace Vigil.Read;

/// <summary>
/// Receives the unparsed bytes of one JSON object read from a file, with its location (as in
/// <see cref="ReadItem.Location"/>) and its byte offset in the decompressed data. The bytes are
/// valid only during the call.
/// </summary>
internal delegate void RawRecordHandler(ReadOnlySpan<byte> json, string location, long offset);
