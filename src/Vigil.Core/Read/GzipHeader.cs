namespace Vigil.Read;

/// <summary>Reads past a gzip member header (RFC 1952, section 2.3), checking what deflate needs.</summary>
internal static class GzipHeader
{
    private const int FlagHeaderCrc = 0x02;
    private const int FlagExtra = 0x04;
    private const int FlagName = 0x08;
    private const int FlagComment = 0x10;
    private const int DeflateMethod = 8;

    /// <summary>Consumes the header of member <paramref name="member"/> (1-based) from <paramref name="source"/>.</summary>
    public static void Skip(Stream source, int member)
    {
        Span<int> fixedPart = stackalloc int[10];
        fixedPart[0] = Next(source, member);
        fixedPart[1] = source.ReadByte();
        if (fixedPart[0] != 0x1F || fixedPart[1] != 0x8B)
        {
            throw new InvalidDataException($"data after gzip member {member - 1} is not another gzip member (it starts with byte 0x{fixedPart[0]:X2})");
        }

        for (var i = 2; i < fixedPart.Length; i++)
        {
            fixedPart[i] = Next(source, member);
        }

        if (fixedPart[2] != DeflateMethod)
        {
            throw new InvalidDataException($"gzip member {member} uses compression method {fixedPart[2]}, not deflate (8)");
        }

        SkipOptionalFields(source, fixedPart[3], member);
    }

    private static void SkipOptionalFields(Stream source, int flags, int member)
    {
        if ((flags & FlagExtra) != 0)
        {
            var length = Next(source, member) | (Next(source, member) << 8);
            SkipBytes(source, length, member);
        }

        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated(source, member);
        }

        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated(source, member);
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            SkipBytes(source, 2, member);
        }
    }

    private static void SkipBytes(Stream source, int count, int member)
    {
        for (var i = 0; i < count; i++)
        {
            Next(source, member);
        }
    }

    private static void SkipZeroTerminated(Stream source, int member)
    {
        while (Next(source, member) != 0)
        {
        }
    }

    private static int Next(Stream source, int member)
    {
        var value = source.ReadByte();
        return value >= 0
            ? value
            : throw new InvalidDataException($"the file ends inside the header of gzip member {member}, so it is truncated");
    }
}
