namespace Vigil.Read;

/// <summary>
/// Recognises archives and compressed files that Vigil does not open, by their magic bytes. A bucket
/// dump handed over as a tarball or zip file is then reported with what to do, instead of being read
/// as text that is not JSON.
/// </summary>
internal static class ArchiveFormats
{
    /// <summary>How many leading bytes recognition looks at: a tar header's magic ends at byte 262.</summary>
    public const int HeadLength = 265;

    private const int TarMagicOffset = 257;

    /// <summary>Returns the reason to report for data that starts as an archive does, or <c>null</c>.</summary>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        var (kind, extract) = head switch
        {
            _ when head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8) => ("a zip archive", "unzip FILE -d FOLDER"),
            _ when head.Length >= TarMagicOffset + 5 && head[TarMagicOffset..].StartsWith("ustar"u8) => ("a tar archive", "tar -xf FILE -C FOLDER"),
            _ when head.Length >= 4 && head.StartsWith("BZh"u8) && head[3] is >= (byte)'1' and <= (byte)'9' => ("bzip2 data", "bunzip2 -k FILE"),
            _ when head.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]) => ("xz data", "unxz -k FILE"),
            _ when head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]) => ("zstd data", "unzstd FILE"),
            _ when head.StartsWith((ReadOnlySpan<byte>)[(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C]) => ("a 7z archive", "7z x FILE"),
            _ => (null, null),
        };

        return kind is null ? null : $"{kind}, which Vigil does not open: extract it first ({extract}) and give Vigil the extracted files";
    }
}
