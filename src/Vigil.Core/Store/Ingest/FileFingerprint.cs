using System.IO.Hashing;

namespace Vigil.Store;

/// <summary>
/// Identifies a file's content up to a length by hashing its first and last bytes, so a file that
/// was replaced or rewritten is read again from the start instead of from an old offset.
/// </summary>
/// <remarks>
/// Only the ends are hashed, to keep a poll cheap on large files: a rewrite that keeps both the
/// first and the last 4 KiB before the old length is not noticed.
/// </remarks>
internal static class FileFingerprint
{
    private const int EdgeBytes = 4096;

    /// <summary>Returns the XXH128 of the length, the first bytes and the last bytes before <paramref name="length"/>.</summary>
    public static byte[] Compute(FileStream file, long length)
    {
        var hash = new XxHash128();
        Span<byte> lengthBytes = stackalloc byte[sizeof(long)];
        BitConverter.TryWriteBytes(lengthBytes, length);
        hash.Append(lengthBytes);

        AppendRange(hash, file, 0, Math.Min(EdgeBytes, length));
        AppendRange(hash, file, Math.Max(0, length - EdgeBytes), length);
        return hash.GetCurrentHash();
    }

    private static void AppendRange(XxHash128 hash, FileStream file, long start, long end)
    {
        var buffer = new byte[end - start];
        file.Position = start;
        file.ReadExactly(buffer);
        hash.Append(buffer);
    }
}
