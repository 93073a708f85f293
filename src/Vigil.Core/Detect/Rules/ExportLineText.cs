using System.Text;

namespace Vigil.Detect.Rules;

/// <summary>
/// Decodes a Kibana <c>_export</c> NDJSON file one line at a time, so that bytes that are not valid
/// UTF-8 cost only their line's rule. Kibana's import parses each line on its own, and so does
/// <see cref="Formats.KibanaNdjson"/>.
/// </summary>
internal static class ExportLineText
{
    /// <summary>UTF-8 that throws <see cref="DecoderFallbackException"/> on invalid bytes.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Returns the text of <paramref name="bytes"/> with each line that is not valid UTF-8 left
    /// empty, so the other lines keep their numbers, and adds one error per such line.
    /// </summary>
    public static string Decode(string file, byte[] bytes, List<RuleLoadError> lineErrors)
    {
        var text = new StringBuilder(bytes.Length);
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var line = 1;
        while (true)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var length = (end < 0 ? bytes.Length : end) - start;
            try
            {
                text.Append(StrictUtf8.GetString(bytes, start, length));
            }
            catch (DecoderFallbackException)
            {
                lineErrors.Add(LineError(file, bytes, start, length, line));
            }

            if (end < 0)
            {
                return text.ToString();
            }

            text.Append('\n');
            start = end + 1;
            line++;
        }
    }

    private static RuleLoadError LineError(string file, byte[] bytes, int start, int length, int line)
    {
        // The line contains an invalid byte, so Find returns a position, counted from the line's start.
        var fault = InvalidUtf8Position.Find(new MemoryStream(bytes, start, length, writable: false))!;
        var inFile = fault with { ByteOffset = fault.ByteOffset + start, Line = line };
        return new RuleLoadError(
            file,
            inFile.Line,
            inFile.Column,
            $"the line is not valid UTF-8: {inFile.Description}, so its rule is not loaded and the other lines are read; {RuleFileText.SaveAsUtf8Fix}");
    }
}
