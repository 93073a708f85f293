namespace Vigil.Read;

/// <summary>
/// Reading of a file of base64 text payload by payload, as Kinesis Data Streams and Firehose deliver
/// CloudWatch Logs subscription payloads one per line.
/// </summary>
public sealed partial class CloudTrailReader
{
    /// <summary>
    /// Reads each payload of <paramref name="text"/> through layers and a reader of its own, so that
    /// a payload line cut short or damaged costs only its own records. Its error names the file's
    /// line, and the next payload is read.
    /// </summary>
    /// <remarks>
    /// Locations in a payload count lines from the file's line of the payload, and bytes from the
    /// start of its decoded data. Such a file is not read ahead on a thread of its own.
    /// </remarks>
    private static IEnumerable<ReadItem> ReadPayloadLines(Base64TextStream text, List<IFailingLayer> fileLayers, ItemTarget target)
    {
        using var disposeText = text;

        var records = 0L;
        do
        {
            var layers = new List<IFailingLayer>(fileLayers);
            var decompressed = Decompressed(text.CurrentPayload(), target.DisplayName, layers, out var error);
            if (decompressed is null)
            {
                yield return error!;
                yield break;
            }

            using var content = decompressed;

            // Only whitespace or skipped lines came before the end of the text.
            if (!text.PayloadHasText && text.Failure is null)
            {
                continue;
            }

            if (!(layers.Count > fileLayers.Count && layers[fileLayers.Count] is GzipMemberStream))
            {
                while (ReaderItems.SkippedLine(text, target.DisplayName) is { } skipped)
                {
                    yield return skipped;
                }

                yield return NotGzip(text, target.DisplayName);
                continue;
            }

            // Data after the gzip data, from a line of its own, is reported as that line, not as a
            // failure of the payload.
            var gzip = (GzipMemberStream)layers[fileLayers.Count];
            var lineAfterGzip = () => text.LineStartingAt(gzip.EndOfMembers);
            using var reader = target.CreateReader(content, () => lineAfterGzip() > 0 ? null : ContainerLayers.Failure(layers), decoded: true, text.PayloadLine, records);
            reader.LayerIsCorrupt = () => lineAfterGzip() <= 0 && ContainerLayers.IsCorrupt(layers);
            var items = new ReaderItems(reader, target, text);
            while (items.Next() is { } item)
            {
                yield return item;
            }

            if (lineAfterGzip() is > 0 and var line)
            {
                yield return NotPayloadAfterGzip(line, text.PayloadLine, target.DisplayName);
            }

            records = reader.Records;
        }
        while (text.NextPayload());

        while (ReaderItems.SkippedLine(text, target.DisplayName) is { } skipped)
        {
            yield return skipped;
        }
    }

    /// <summary>Returns the error item of a payload whose base64 text does not decode to gzip data.</summary>
    private static ReadItem NotGzip(Base64TextStream text, string displayName)
    {
        var reason = text.Failure is { } failure
            ? $"{failure}; the rest of the payload is not read"
            : "invalid payload: its base64 text decodes to data that is not gzip, so it is not a CloudWatch Logs subscription payload; the payload is left out (counted as an error), and the payloads on the lines after it are read";
        ReadMetrics.Count(ReadOutcome.Error);
        return new ReadItem(ReadOutcome.Error, displayName, $"line {text.PayloadLine}", null, reason);
    }

    /// <summary>Returns the error item of a line whose base64 text follows the end of the gzip data of the payload before it.</summary>
    private static ReadItem NotPayloadAfterGzip(long line, long payloadLine, string displayName)
    {
        ReadMetrics.Count(ReadOutcome.Error);
        return new ReadItem(
            ReadOutcome.Error,
            displayName,
            $"line {line}",
            null,
            $"not a payload: line {line} comes after the end of the gzip data of the payload that starts at line {payloadLine}, so it decodes to data that is not gzip; "
            + "the line is left out (counted as an error), with any lines after it that do not start a payload, and the payloads after them are read");
    }

    /// <summary>
    /// The file and the caller that a file's items go to, and the reader settings for it, with the
    /// pipe the data comes from when it is not a file.
    /// </summary>
    internal sealed record ItemTarget(string DisplayName, int MaxRecordBytes, RawRecordHandler? OnRecord, RawRecordCursor? Cursor, QuietPipeStream? Pipe)
    {
        public RecordStreamReader CreateReader(Stream content, Func<string?> failure, bool decoded, long payloadLine = 0, long recordsBefore = 0) =>
            new(content, DisplayName, MaxRecordBytes, failure, rawRecords: OnRecord is not null || Cursor is not null, structuralFraming: OnRecord is not null, payloadLine: payloadLine)
            {
                RecordsBefore = recordsBefore,
                Decoded = decoded,
                Pipe = Pipe,
            };
    }
}
