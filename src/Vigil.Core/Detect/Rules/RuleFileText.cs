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
    /// <summary>UTF-8 that throws <see cref="DecoderFallbackException"/> on invalid bytes, and whose preamble is the byte order mark.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private const char ByteOrderMark = '\uFEFF';

    /// <summary>How to fix a rule file that is not valid UTF-8, the end of each such error.</summary>
    public const string SaveAsUtf8Fix = "save the file as UTF-8, such as with 'iconv -f WINDOWS-1252 -t UTF-8' for a file saved as Windows-1252";

    /// <summary>The maximum number of bytes per UTF-16 character, which UTF-32, the widest encoding read, takes.</summary>
    private const int MaxBytesPerChar = 4;

    /// <summary>
    /// Returns the text of <paramref name="file"/>, null when it has more than
    /// <paramref name="maxChars"/> characters, or sets <paramref name="error"/> when it is not valid
    /// UTF-8, looks like UTF-16 without a byte order mark, or is gzip-compressed.
    /// </summary>
    public static string? Read(string file, int maxChars, out RuleLoadError? error) =>
        Read(file, maxChars, byLine: false, out error, []);

    /// <summary>
    /// Returns the text of <paramref name="file"/> as <see cref="Read(string, int, out RuleLoadError?)"/>
    /// does. With <paramref name="byLine"/>, a UTF-8 NDJSON file with bytes that are not valid UTF-8
    /// is decoded line by line: each line with such bytes is left empty and adds its own error to
    /// <paramref name="lineErrors"/>, and the other lines are kept. A JSON object written over
    /// several lines stays one error for the whole file.
    /// </summary>
    public static string? Read(string file, int maxChars, bool byLine, out RuleLoadError? error, List<RuleLoadError> lineErrors)
    {
        error = null;
        var bytes = ReadBytes(file, (long)maxChars * MaxBytesPerChar + MaxBytesPerChar);
        if (bytes is null)
        {
            return null;
        }

        if (CompressedRuleFile.Error(file, bytes) is { } compressed)
        {
            error = compressed;
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
            var text = Decode(bytes, utf16Or32);
            return text.Length > maxChars ? null : text;
        }
        catch (DecoderFallbackException) when (byLine && !utf16Or32 && !IsSingleObject(bytes))
        {
            var text = ExportLineText.Decode(file, bytes, lineErrors);
            return text.Length > maxChars ? null : text;
        }
        catch (DecoderFallbackException)
        {
            error = InvalidUtf8Error(file, bytes);
            return null;
        }
    }

    /// <summary>Decodes UTF-8 without its byte order mark, or UTF-16 or UTF-32 by theirs.</summary>
    private static string Decode(byte[] bytes, bool utf16Or32)
    {
        if (utf16Or32)
        {
            // StreamReader picks UTF-16 or UTF-32 from the byte order mark.
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        var start = bytes.AsSpan().StartsWith(StrictUtf8.Preamble) ? StrictUtf8.Preamble.Length : 0;
        return StrictUtf8.GetString(bytes, start, bytes.Length - start);
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

    /// <summary>Returns whether the UTF-8 <paramref name="bytes"/> are one JSON object written over several lines, with invalid bytes replaced.</summary>
    private static bool IsSingleObject(byte[] bytes) =>
        Formats.KibanaNdjson.IsSingleObject(Encoding.UTF8.GetString(bytes).TrimStart(ByteOrderMark));

    private static bool HasUtf16Or32ByteOrderMark(byte[] start) =>
        start.Length >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))
        || (start.Length >= 4 && start[0] == 0 && start[1] == 0 && start[2] == 0xFE && start[3] == 0xFF);

    private static RuleLoadError InvalidUtf8Error(string file, byte[] bytes)
    {
        var fault = InvalidUtf8Position.Find(new MemoryStream(bytes));
        var where = fault is null ? "" : $": {fault.Description}";
        return new RuleLoadError(file, fault?.Line, fault?.Column, $"the rule file is not valid UTF-8{where}; {SaveAsUtf8Fix}");
    }
}
