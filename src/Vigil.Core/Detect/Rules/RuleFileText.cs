using System.Text;

namespace Vigil.Detect.Rules;

/// <summary>
/// Reads a rule file's text: UTF-8, with or without a byte order mark, or UTF-16 or UTF-32 with one.
/// Bytes that are not valid UTF-8 are an error, not U+FFFD, because a rule name or query changed
/// that way would load and run as another rule than the one written.
/// </summary>
/// <remarks>
/// The file is read into memory before it is decoded, so a named pipe or <c>/dev/stdin</c>, which
/// cannot seek, is read once, and an encoding error is positioned from the same bytes.
/// </remarks>
internal static class RuleFileText
{
    /// <summary>Decodes UTF-8, skips its byte order mark, and throws <see cref="DecoderFallbackException"/> on invalid bytes.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>The maximum number of bytes per UTF-16 character, which UTF-32, the widest encoding read, takes.</summary>
    private const int MaxBytesPerChar = 4;

    /// <summary>
    /// Returns the text of <paramref name="file"/>, null when it has more than
    /// <paramref name="maxChars"/> characters, or sets <paramref name="error"/> when it is not valid
    /// UTF-8 or looks like UTF-16 without a byte order mark.
    /// </summary>
    public static string? Read(string file, int maxChars, out RuleLoadError? error)
    {
        error = null;
        var bytes = ReadBytes(file, (long)maxChars * MaxBytesPerChar + MaxBytesPerChar);
        if (bytes is null)
        {
            return null;
        }

        var utf16Or32 = HasUtf16Or32ByteOrderMark(bytes);
        if (!utf16Or32 && Utf16WithoutByteOrderMark.Error(file, bytes) is { } utf16Error)
        {
            error = utf16Error;
            return null;
        }

        try
        {
            // StreamReader picks UTF-16 or UTF-32 from the byte order mark.
            using var reader = utf16Or32
                ? new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true)
                : new StreamReader(new MemoryStream(bytes), StrictUtf8, detectEncodingFromByteOrderMarks: false);
            return ReadLimited(reader, maxChars);
        }
        catch (DecoderFallbackException)
        {
            error = InvalidUtf8Error(file, bytes);
            return null;
        }
    }

    /// <summary>Returns the bytes of <paramref name="file"/>, or null when it has more than <paramref name="maxBytes"/>.</summary>
    private static byte[]? ReadBytes(string file, long maxBytes)
    {
        using var stream = File.OpenRead(file);

        // A regular file's length is known, so an oversized one is refused before any of it is read.
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            return null;
        }

        using var content = new MemoryStream(stream.CanSeek ? (int)stream.Length : 0);
        var block = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(block)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                return null;
            }

            content.Write(block, 0, read);
        }

        return content.ToArray();
    }

    private static bool HasUtf16Or32ByteOrderMark(byte[] start) =>
        start.Length >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))
        || (start.Length >= 4 && start[0] == 0 && start[1] == 0 && start[2] == 0xFE && start[3] == 0xFF);

    private static string? ReadLimited(StreamReader reader, int maxChars)
    {
        var text = new StringBuilder();
        var block = new char[64 * 1024];
        int read;
        while ((read = reader.ReadBlock(block)) > 0)
        {
            if (text.Length + read > maxChars)
            {
                return null;
            }

            text.Append(block, 0, read);
        }

        return text.ToString();
    }

    private static RuleLoadError InvalidUtf8Error(string file, byte[] bytes)
    {
        var fault = InvalidUtf8Position.Find(new MemoryStream(bytes));
        var where = fault is null ? "" : $": byte 0x{fault.Value:X2} at byte offset {fault.ByteOffset} is not part of a UTF-8 character";
        return new RuleLoadError(
            file,
            fault?.Line,
            fault?.Column,
            $"the rule file is not valid UTF-8{where}; save the file as UTF-8, such as with 'iconv -f WINDOWS-1252 -t UTF-8' for a file saved as Windows-1252");
    }
}
