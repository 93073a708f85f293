using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Parses one raw object into items as <see cref="RecordStreamReader.ParseItems"/> does, and pairs
/// each record with its original text, which Elastic keeps in <c>event.original</c>.
/// </summary>
/// <remarks>
/// The original text is the record's own bytes as read, decoded as UTF-8: the object itself (a
/// delivery object's element, an NDJSON line's object), an EventBridge event's <c>detail</c> value,
/// or the unescaped value of the JSON string that carried the record (<see cref="ReadItem.WrappedText"/>).
/// Gzip, base64 and UTF-16 are already decoded at that point. A CloudTrail Lake row has no
/// record text, because the record is built from its columns, and neither has a record that a
/// Lambda event's <c>awslogs.data</c> contains outside a log event. Their original text is null.
/// </remarks>
internal static class OriginalRecordText
{
    /// <summary>
    /// Returns the items of the raw object <paramref name="bytes"/>, each record with its original
    /// text or null, and every error and skip with null.
    /// </summary>
    public static IReadOnlyList<(ReadItem Item, string? Original)> ParseItems(ReadOnlySpan<byte> bytes, string file, string location, long offset)
    {
        if (!RecordParser.TryParse(bytes, out var root, out _))
        {
            // The reader's own method words the error.
            return [.. RecordStreamReader.ParseItems(bytes, file, location, offset).Select(item => (item, (string?)null))];
        }

        var items = RecordEnvelopes.Expand(root!, file, location).ToList();
        var originals = new List<(ReadItem, string?)>(items.Count);
        foreach (var item in items)
        {
            originals.Add((item, item.Outcome == ReadOutcome.Record ? Original(item, root!, bytes) : null));
        }

        return originals;
    }

    private static string? Original(ReadItem item, JsonObject root, ReadOnlySpan<byte> bytes)
    {
        if (item.WrappedText is { } text)
        {
            return text;
        }

        if (ReferenceEquals(item.Record, root))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        // The record's node is the root's own detail node only when the root is an EventBridge event.
        return root.TryGetPropertyValue("detail", out var detail) && ReferenceEquals(item.Record, detail)
            ? TopLevelValueText(bytes, "detail"u8)
            : null;
    }

    /// <summary>Returns the text of the top-level property <paramref name="name"/>'s value as it is in <paramref name="json"/>, or null.</summary>
    private static string? TopLevelValueText(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTokenCursor.MaxDepth });
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var found = reader.ValueTextEquals(name);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (found)
                {
                    return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                }
            }
        }
        catch (JsonException)
        {
            // Not expected, because the parser accepted the object. The caller then writes the record as JSON.
        }

        return null;
    }
}
