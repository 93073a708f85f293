using System.Buffers;
using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// Checks the JSON syntax of an <see cref="UnvalidatedElement"/> the way the reader checks an array
/// element it frames itself, and for a wrapper's element its field too, and reports an invalid one
/// with the reader's own location and reason.
/// </summary>
internal static class ElementSyntax
{
    /// <summary>
    /// The maximum number of bytes after an element that an error message can quote: a quote of an invalid
    /// literal that starts in the element runs on for up to <see cref="JsonErrors.MaxQuotedLength"/>
    /// characters of up to four bytes each.
    /// </summary>
    public const int QuotedBytesAfter = 4 * JsonErrors.MaxQuotedLength;

    /// <summary>
    /// Returns the error item the reader gives for the element when its syntax is invalid or, in a
    /// wrapper's array, when it lacks the wrapper's field. Returns <c>null</c> for a valid element.
    /// </summary>
    /// <param name="element">The element's bytes.</param>
    /// <param name="after">The bytes that were buffered after it, up to <see cref="QuotedBytesAfter"/>.</param>
    /// <param name="file">The file, for the item.</param>
    /// <param name="location">The element's location, as the reader gave it.</param>
    /// <param name="offset">The element's absolute offset.</param>
    /// <param name="framing">What the reader knew when it framed the element.</param>
    public static ReadItem? Check(ReadOnlySpan<byte> element, ReadOnlySpan<byte> after, string file, string location, long offset, UnvalidatedElement framing)
    {
        // The reader reads an array element as the next value of its array, so its errors count
        // depth and positions from the '['. An NDJSON line's object starts a value of its own.
        var prefix = framing.IsLine ? 0 : 1;
        var length = prefix + element.Length + after.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer[0] = (byte)'[';
            element.CopyTo(buffer.AsSpan(prefix));
            after.CopyTo(buffer.AsSpan(prefix + element.Length));
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: false, new JsonReaderState(JsonTokenCursor.Options));
            // The '[' when there is one, then the element's own '{'.
            for (var token = 0; token <= prefix; token++)
            {
                reader.Read();
            }

            reader.TrySkip();
        }
        catch (JsonException exception)
        {
            var problem = RecordStreamReader.InvalidJson(exception);
            var reason = framing.IsLine
                ? RecordStreamReader.SkippedLine(problem, framing.ResumeLine)
                : RecordStreamReader.SkippedElement(problem, framing.RecordIndex, framing.ResumeOffset);
            return new ReadItem(ReadOutcome.Error, file, $"{location}, byte {ErrorOffset(exception, element, offset, prefix)}", null, reason);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // After the syntax, as the reader checks an element it frames itself.
        return framing.Wrapper is { } wrapper && !TopLevelKeys.HasStringProperty(element, wrapper.Field)
            ? new ReadItem(ReadOutcome.Error, file, $"{location}, byte {offset}", null, RecordStreamReader.MissingField(wrapper))
            : null;
    }

    /// <summary>
    /// The absolute offset of the error, as <see cref="JsonTokenCursor.Locate"/> gives it: the
    /// reader's positions on the first line count from <paramref name="offset"/> less the
    /// <paramref name="prefix"/> it read first.
    /// </summary>
    private static long ErrorOffset(JsonException exception, ReadOnlySpan<byte> element, long offset, int prefix)
    {
        if (exception.LineNumber is not { } lines || exception.BytePositionInLine is not { } column)
        {
            return offset + 1;
        }

        if (lines == 0)
        {
            return offset - prefix + column;
        }

        // A later line's position counts from that line's start.
        var lineStart = 1;
        for (var line = 0L; line < lines; line++)
        {
            var newline = element[lineStart..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return offset + element.Length;
            }

            lineStart += newline + 1;
        }

        return offset + lineStart + column;
    }
}
