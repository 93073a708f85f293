namespace Vigil.Read;

/// <summary>
/// Receives the unparsed bytes of one JSON object read from a file, the reader's item for it (a
/// record item without its record, naming the file and location) and its byte offset in the
/// decompressed data. The bytes are valid only during the call. <paramref name="unvalidated"/> is
/// set when the object was framed by its structure alone and its JSON syntax is still unchecked.
/// <paramref name="after"/> then contains the bytes buffered after it, which a syntax error's
/// message may quote. <paramref name="shared"/> is set when the bytes, and those after them, lie in
/// a read-ahead chunk, which the handler may reference (<see cref="SharedChunk.AddReference"/>) to read them later.
/// </summary>
internal delegate void RawRecordHandler(ReadOnlySpan<byte> json, ReadItem item, long offset, UnvalidatedElement? unvalidated, ReadOnlySpan<byte> after, ChunkSlice? shared);
