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

    /// <summary>Returns the alert as a node tree.</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> alert) => JsonNode.Parse(alert, documentOptions: Options)!.AsObject();
}
