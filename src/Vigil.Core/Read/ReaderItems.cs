namespace Vigil.Read;

/// <summary>
/// The items that <see cref="CloudTrailReader"/> yields from one <see cref="RecordStreamReader"/>:
/// records go to the caller's raw-record handler or cursor when it has one, and the lines of base64
/// text skipped on the way come before the item whose reading skipped them.
/// </summary>
/// <remarks>
/// A step method rather than an iterator, so that the plain-file path yields each item through one
/// iterator, as before payload lines were read on their own.
/// </remarks>
internal sealed class ReaderItems(RecordStreamReader reader, CloudTrailReader.ItemTarget target, Base64TextStream? text)
{
    // The item the reader returned last, held back while the lines skipped during its reading are yielded.
    private ReadItem? _pendingItem;

    /// <summary>Returns the next item to yield, or <c>null</c> at the end of the reader's data.</summary>
    public ReadItem? Next()
    {
        while (true)
        {
            if (SkippedLine(text, target.DisplayName) is { } skipped)
            {
                return skipped;
            }

            if (_pendingItem is not { } item)
            {
                _pendingItem = reader.Next();
                if (_pendingItem is null)
                {
                    return SkippedLine(text, target.DisplayName);
                }

                continue;
            }

            _pendingItem = null;
            if (target.OnRecord is { } onRecord && item.Outcome == ReadOutcome.Record)
            {
                onRecord(reader.RawRecord, item, reader.RawRecordOffset, reader.RawRecordUnvalidated, reader.AfterRawRecord, reader.RawRecordSlice);
                continue;
            }

            if (target.Cursor is { } cursor && item.Outcome == ReadOutcome.Record)
            {
                cursor.Reader = reader;
                return item;
            }

            ReadMetrics.Count(item.Outcome);
            return item;
        }
    }

    /// <summary>Returns the error item of the next line of base64 text that was skipped, or <c>null</c>.</summary>
    public static ReadItem? SkippedLine(Base64TextStream? text, string displayName)
    {
        if (text is null || !text.TryTakeSkippedLine(out var skipped))
        {
            return null;
        }

        ReadMetrics.Count(ReadOutcome.Error);
        return new ReadItem(ReadOutcome.Error, displayName, $"line {skipped.Line}", null, skipped.Reason);
    }
}
