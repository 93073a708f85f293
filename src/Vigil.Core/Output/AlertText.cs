using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Output;

/// <summary>Reads an alert's JSON text as a hunt hands it to an <see cref="Hunt.IAlertSink"/>.</summary>
public static class AlertText
{
    // The parser's default of 64 levels is too few: an event's payload may nest 256 levels below the
    // alert's own few. The alert's writer allows 1,000 (Utf8JsonWriter's default), so this reads any alert.
    private const int MaxDepth = 1000;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    private static ReadOnlySpan<byte> OriginalTimeField => "kibana.alert.original_time"u8;

    /// <summary>Returns the alert as a node tree.</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> alert) => JsonNode.Parse(alert, documentOptions: Options)!.AsObject();

    /// <summary>
    /// Reads the alert's top-level <c>kibana.alert.original_time</c>, the source event's
    /// <c>@timestamp</c>, without building a node tree. Returns false when the alert has none or
    /// its value is not an ISO 8601 time.
    /// </summary>
    public static bool TryReadOriginalTime(ReadOnlySpan<byte> alert, out DateTimeOffset time)
    {
        time = default;
        var reader = new Utf8JsonReader(alert, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOriginalTime = reader.ValueTextEquals(OriginalTimeField);
            reader.Read();
            if (isOriginalTime)
            {
                return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out time);
            }

            reader.Skip();
        }

        return false;
    }
}
