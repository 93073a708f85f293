using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// Reads JSON tokens one at a time from a <see cref="ByteWindow"/>, refilling it as needed. A
/// <see cref="Utf8JsonReader"/> is rebuilt from the saved <see cref="JsonReaderState"/> for every
/// step, because a ref struct cannot live across the reader's iterator.
/// </summary>
internal sealed class JsonTokenCursor(ByteWindow window)
{
    /// <summary>Maximum nesting depth of a JSON file, records included.</summary>
    public const int MaxDepth = 256;

    /// <summary>The options of every JSON reader that frames values.</summary>
    internal static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Options for parsing mapped documents and alerts, which nest a few levels below a record
    /// (<c>aws.cloudtrail.flattened.*</c>). With the parser's default limit of 64, one deep record
    /// would hide every stored alert from <c>alerts list</c>.
    /// </summary>
    internal static readonly JsonDocumentOptions MappedDocumentOptions = new() { MaxDepth = 2 * MaxDepth };

    private JsonReaderState _state = new(Options);
    private long _stateOrigin;
    private long _stateOriginLine = 1;

    /// <summary>Absolute offset where the current top-level value starts.</summary>
    public long ValueStart { get; private set; }

    /// <summary>Line number of <see cref="ValueStart"/>.</summary>
    public long ValueLine { get; private set; }

    /// <summary>Start of the line of <see cref="ValueStart"/>.</summary>
    public long ValueLineStart { get; private set; }

    /// <summary>Starts a new top-level value at the window's position, with fresh reader state.</summary>
    public void BeginValue()
    {
        _state = new JsonReaderState(Options);
        ValueStart = window.Position;
        ValueLine = window.Line;
        ValueLineStart = window.LineStart;
        _stateOrigin = ValueStart;
        _stateOriginLine = ValueLine;
    }

    /// <summary>
    /// Continues reading at the window's position as if <paramref name="openingTokens"/> had just
    /// been read, for example <c>[</c> to read one array element on its own. The reader state
    /// cannot be built any other way, and a fresh state lets whitespace between elements be
    /// consumed outside the reader without breaking its line and column counts.
    /// </summary>
    public void ResumeInside(ReadOnlySpan<byte> openingTokens)
    {
        var reader = new Utf8JsonReader(openingTokens, isFinalBlock: false, new JsonReaderState(Options));
        while (reader.Read())
        {
        }

        _state = reader.CurrentState;
        _stateOrigin = window.Position - openingTokens.Length;
        _stateOriginLine = window.Line;
    }

    /// <summary>
    /// Reads the next token. Returns <c>false</c> when the data ends first.
    /// </summary>
    /// <exception cref="JsonException">The JSON is invalid, or it ends inside a value.</exception>
    public bool TryRead(out JsonToken token)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(window.Available, window.IsEndOfStream, _state);
            if (reader.Read())
            {
                var isName = reader.TokenType == JsonTokenType.PropertyName;
                token = new JsonToken(
                    reader.TokenType,
                    window.Position + reader.TokenStartIndex,
                    isName && reader.ValueTextEquals("Records"u8),
                    isName && !reader.ValueIsEscaped ? EventWrapper.ForProperty(reader.ValueSpan) : null,
                    isName ? SubscriptionKeys.Classify(ref reader) : SubscriptionKey.None);
                Commit(ref reader);
                return true;
            }

            if (window.IsEndOfStream)
            {
                token = default;
                return false;
            }

            window.Fill();
        }
    }

    /// <summary>
    /// Skips the children of the object or array whose start token was read last.
    /// </summary>
    /// <exception cref="JsonException">The JSON is invalid, or it ends inside the value.</exception>
    public void SkipCurrent()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(window.Available, window.IsEndOfStream, _state);
            if (reader.TrySkip())
            {
                Commit(ref reader);
                return;
            }

            window.Fill();
        }
    }

    /// <summary>Returns the absolute line and byte offset of a syntax error from this cursor.</summary>
    public (long Line, long Offset) Locate(JsonException exception)
    {
        if (exception.LineNumber is not { } lines || exception.BytePositionInLine is not { } column)
        {
            return (window.Line, window.Position);
        }

        var line = _stateOriginLine + lines;
        if (lines == 0)
        {
            return (line, _stateOrigin + column);
        }

        return (line, LineStartOf(line) + column);
    }

    private long LineStartOf(long line)
    {
        if (line <= window.Line)
        {
            return window.LineStart;
        }

        var span = window.Available;
        var offset = 0;
        for (var current = window.Line; current < line; current++)
        {
            var next = span[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return window.Position + span.Length;
            }

            offset += next + 1;
        }

        return window.Position + offset;
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _state = reader.CurrentState;
        window.Advance((int)reader.BytesConsumed);
    }
}

/// <summary>
/// A JSON token: its type, absolute start offset, whether it is the property name <c>Records</c> (an
/// S3 delivery object), the CLI output it names when it is an <see cref="EventWrapper"/>'s array,
/// and its role in a CloudWatch Logs subscription payload when it is a property name.
/// </summary>
internal readonly record struct JsonToken(
    JsonTokenType Type,
    long Start,
    bool IsRecordsProperty,
    EventWrapper? Wrapper = null,
    SubscriptionKey SubscriptionKey = SubscriptionKey.None);
