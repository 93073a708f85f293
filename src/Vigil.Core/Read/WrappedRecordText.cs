using System.Text.Json;
using System.Text.Unicode;

namespace Vigil.Read;

/// <summary>
/// Finds the record inside one log event (<c>{"id":…,"timestamp":…,"message":"…"}</c>) or one
/// <c>lookup-events</c> entry (<c>"CloudTrailEvent":"…"</c>) and returns its JSON text unescaped,
/// so that a hunt can scan the record as it scans a record of <c>Records</c>, without parsing the
/// wrapper and then the record into nodes.
/// </summary>
/// <remarks>
/// Only the plain case is taken: an object whose members are scalars with distinct, unescaped
/// keys, none of the keys that make <see cref="RecordEnvelopes.Expand"/> read it another way, and
/// a string <c>CloudTrailEvent</c> or else a string <c>message</c>, as that method chooses. Any
/// other object returns <c>false</c>, and the caller parses it as before. Not thread-safe.
/// </remarks>
internal sealed partial class WrappedRecordText
{
    // More keys than a log event or a lookup-events entry has, so a larger object is left to the parser.
    private const int MaxKeys = 16;

    private static readonly byte[][] OtherShapeKeys =
    [
        "eventVersion"u8.ToArray(), "eventTime"u8.ToArray(), "eventName"u8.ToArray(), "eventSource"u8.ToArray(),
        "detail-type"u8.ToArray(), "detail"u8.ToArray(), "messageType"u8.ToArray(), "logEvents"u8.ToArray(),
        "awslogs"u8.ToArray(), "Events"u8.ToArray(), "QueryResultRows"u8.ToArray(), "events"u8.ToArray(),
    ];

    private readonly (int Start, int Length)[] _keys = new (int, int)[MaxKeys];
    private byte[] _cloudTrailEvent = new byte[4096];
    private byte[] _message = new byte[4096];

    /// <summary>Reads with <see cref="Utf8JsonReader"/> only, never with the lexer that goes first; for tests that compare the two.</summary>
    internal bool ReaderOnly { get; init; }

    /// <summary>How many objects were read with <see cref="Utf8JsonReader"/> because the lexer declined them.</summary>
    internal int ReaderReads { get; private set; }

    /// <summary>Returns the wrapped record's text, valid until the next call, or <c>false</c> to leave <paramref name="json"/> to the parser.</summary>
    /// <param name="json">The object that may wrap a record.</param>
    /// <param name="requiredField">
    /// For an element of a wrapper's array, the field it must have as a string (see
    /// <see cref="EventWrapper.Field"/>): without it the element is an error, which the parser's path reports.
    /// </param>
    /// <param name="record">The record's text.</param>
    public bool TryUnwrap(ReadOnlySpan<byte> json, string? requiredField, out ReadOnlySpan<byte> record)
    {
        record = default;
        if (!ReaderOnly && TryLex(json, requiredField, out record))
        {
            return true;
        }

        ReaderReads++;
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            return TryRead(json, requiredField, out record);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Invalid JSON, or a string with a lone surrogate escape, which the parser reports or replaces.
            return false;
        }
    }

    private bool TryRead(ReadOnlySpan<byte> json, string? requiredField, out ReadOnlySpan<byte> record)
    {
        record = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var keys = 0;
        var cloudTrailEvent = -1;
        var message = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped || keys == MaxKeys || IsRepeated(json, keys, reader.ValueSpan) || IsOtherShapeKey(reader.ValueSpan))
            {
                return false;
            }

            _keys[keys++] = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
            var isCloudTrailEvent = reader.ValueTextEquals("CloudTrailEvent"u8);
            var isMessage = reader.ValueTextEquals("message"u8);
            if (!reader.Read() || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                return false;
            }

            if ((isCloudTrailEvent || isMessage) && reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            if (isCloudTrailEvent)
            {
                cloudTrailEvent = Unescape(ref reader, ref _cloudTrailEvent);
            }
            else if (isMessage)
            {
                message = Unescape(ref reader, ref _message);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return false;
        }

        return Choose(cloudTrailEvent, message, requiredField, out record);
    }

    /// <summary>
    /// Returns the record from the unescaped lengths of <c>CloudTrailEvent</c> and <c>message</c>
    /// (-1 when absent): the first when present, as <see cref="RecordEnvelopes.Expand"/> chooses.
    /// </summary>
    private bool Choose(int cloudTrailEvent, int message, string? requiredField, out ReadOnlySpan<byte> record)
    {
        record = default;
        var required = requiredField switch
        {
            null => 0,
            "message" => message,
            "CloudTrailEvent" => cloudTrailEvent,
            _ => -1,
        };
        if (required < 0)
        {
            return false;
        }

        record = cloudTrailEvent >= 0 ? _cloudTrailEvent.AsSpan(0, cloudTrailEvent)
            : message >= 0 ? _message.AsSpan(0, message)
            : default;
        return cloudTrailEvent >= 0 || message >= 0;
    }

    private bool IsRepeated(ReadOnlySpan<byte> json, int keys, ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < keys; i++)
        {
            if (json.Slice(_keys[i].Start, _keys[i].Length).SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOtherShapeKey(ReadOnlySpan<byte> key)
    {
        foreach (var other in OtherShapeKeys)
        {
            if (key.SequenceEqual(other))
            {
                return true;
            }
        }

        return false;
    }

    private static int Unescape(ref Utf8JsonReader reader, ref byte[] buffer)
    {
        // Unescaping only shortens the text.
        if (buffer.Length < reader.ValueSpan.Length)
        {
            buffer = new byte[Math.Max(reader.ValueSpan.Length, buffer.Length * 2)];
        }

        return reader.CopyString(buffer);
    }
}
