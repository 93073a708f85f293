using Vigil.Read;

namespace Vigil.Cli;

/// <summary>
/// Reads the items of one file for <c>vigil convert</c>, in file order and as
/// <see cref="CloudTrailReader.ReadFile(string)"/> words them. Records come from the reader's raw
/// bytes, as a hunt reads them, so that each can carry its original text.
/// </summary>
internal sealed class ConvertItems(CloudTrailReader reader, bool keepOriginal)
{
    // Records found in the current file's raw objects, less the raw objects. The reader counts a raw
    // object as one record in the "records recovered" of its errors, but an envelope contains
    // several records and an invalid element none.
    private int _recordsBeyondRaw;

    /// <summary>
    /// Hands each item of the file at <paramref name="path"/> to <paramref name="onItem"/>, each record
    /// with its original text when <c>keepOriginal</c> is set and the record has one.
    /// </summary>
    public void Read(string path, Action<ReadItem, string?> onItem)
    {
        _recordsBeyondRaw = 0;

        var items = reader.ReadFileRaw(path, (json, raw, offset, unvalidated, after, _) => ReadRaw(json, after, raw, offset, unvalidated, onItem));
        foreach (var item in items)
        {
            onItem(CorrectRecovered(item), null);
        }
    }

    private void ReadRaw(ReadOnlySpan<byte> json, ReadOnlySpan<byte> after, ReadItem raw, long offset, UnvalidatedElement? unvalidated, Action<ReadItem, string?> onItem)
    {
        _recordsBeyondRaw--;

        // An element framed by its structure alone may be invalid JSON, which is reported in the reader's words.
        if (unvalidated is { } element && ElementSyntax.Check(json, after, raw.File, raw.Location, offset, element) is { } invalid)
        {
            Hand(invalid, null, onItem);
            return;
        }

        if (keepOriginal)
        {
            foreach (var (item, original) in OriginalRecordText.ParseItems(json, raw.File, raw.Location, offset))
            {
                Hand(item, original, onItem);
            }

            return;
        }

        foreach (var item in RecordStreamReader.ParseItems(json, raw.File, raw.Location, offset))
        {
            Hand(item, null, onItem);
        }
    }

    private void Hand(ReadItem item, string? original, Action<ReadItem, string?> onItem)
    {
        ReadMetrics.Count(item.Outcome);
        _recordsBeyondRaw += item.Outcome == ReadOutcome.Record ? 1 : 0;
        onItem(item, original);
    }

    private ReadItem CorrectRecovered(ReadItem item) =>
        _recordsBeyondRaw != 0 && item.Reason is { } reason
            ? item with { Reason = RecordStreamReader.CorrectRecovered(reason, _recordsBeyondRaw) }
            : item;
}
