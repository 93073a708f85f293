namespace Vigil.Read;

/// <summary>Where a raw record lies in a <see cref="SharedChunk"/>: its first byte's index in the chunk's buffer.</summary>
internal readonly record struct ChunkSlice(SharedChunk Chunk, int Start);
