using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// Reads the items of one decompressed file: a sequence of top-level JSON values, each a
/// <c>{"Records":[…]}</c> envelope, a bare array of records, or one record (one per line in NDJSON).
/// </summary>
/// <remarks>
/// Envelope and array elements are streamed one at a time, and only a top-level object is held
/// whole while it is scanned. After a syntax error in a value that started a line, reading resumes
/// at the next line if that line starts a new object or array, which is the NDJSON case. Any other
/// syntax error ends the file, and so does data that ends inside a value.
/// </remarks>
internal sealed class RecordStreamReader : IDisposable
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly ByteWindow _window;
    private readonly JsonTokenCursor _cursor;
    private readonly string _file;
    private readonly Func<string?> _layerFailure;
    private bool _layerFailureReported;
    private readonly Queue<ReadItem> _pending = new();
    private Mode _mode = Mode.Start;
    private bool _arrayIsEnvelope;
    private bool _recordsIsNotArray;
    private int _recordIndex;
    private int _valuesRead;
    private long _records;

    /// <param name="stream">The decompressed data.</param>
    /// <param name="file">The file name put in items.</param>
    /// <param name="layerFailure">
    /// Returns why a layer below ended the data early (a truncated gzip member), or <c>null</c>;
    /// read once the data ends.
    /// </param>
    public RecordStreamReader(Stream stream, string file, Func<string?>? layerFailure = null)
    {
        _window = new ByteWindow(stream);
        _cursor = new JsonTokenCursor(_window);
        _file = file;
        _layerFailure = layerFailure ?? (() => null);
    }

    private enum Mode
    {
        Start,
        TopLevel,
        Object,
        Array,
        EnvelopeTail,
        Done,
    }

    /// <summary>Returns the next item, or <c>null</c> at the end of the file.</summary>
    public ReadItem? Next()
    {
        try
        {
            _pending.TryDequeue(out var item);
            while (item is null && _mode != Mode.Done)
            {
                item = Step();
            }

            if (item?.Outcome == ReadOutcome.Record)
            {
                _records++;
            }

            return item ?? LayerFailure();
        }
        catch (JsonException exception)
        {
            return SyntaxError(exception);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or FormatException)
        {
            _mode = Mode.Done;
            _layerFailureReported = true;
            return Error(
                Location(_window.Position),
                $"reading the data failed ({exception.Message}), so the file is corrupt or truncated; "
                + $"{_records} records recovered before it, the rest of the file is not read");
        }
    }

    public void Dispose() => _window.Dispose();

    private ReadItem? LayerFailure()
    {
        var failure = _layerFailureReported ? null : _layerFailure();
        _layerFailureReported = true;
        return failure is null
            ? null
            : Error(Location(_window.BytesRead), $"{failure}; {_records} records recovered before it, the rest of the file is not read");
    }

    private ReadItem? Step() => _mode switch
    {
        Mode.Start => Start(),
        Mode.TopLevel => TopLevel(),
        Mode.Object => ObjectStep(),
        Mode.Array => ArrayStep(),
        Mode.EnvelopeTail => EnvelopeTailStep(),
        _ => null,
    };

    private ReadItem? Start()
    {
        _window.EnsureAvailable();
        if (_window.Available.StartsWith(Utf8ByteOrderMark))
        {
            _window.Advance(Utf8ByteOrderMark.Length);
        }

        var first = _window.SkipWhitespace();
        _mode = Mode.Done;
        if (first < 0 && _layerFailure() is not null)
        {
            return LayerFailure();
        }

        if (first < 0)
        {
            return Skip("byte 0", _window.BytesRead == 0 ? "empty file" : "the file contains only whitespace");
        }

        if (first is not ('{' or '['))
        {
            var firstByte = first is >= 0x20 and < 0x7F ? $"'{(char)first}'" : $"byte 0x{first:X2}";
            return Skip("byte 0", $"not a JSON object or array (starts with {firstByte}), so not CloudTrail records");
        }

        _mode = Mode.TopLevel;
        return null;
    }

    private ReadItem? TopLevel()
    {
        var next = _window.SkipWhitespace();
        if (next < 0)
        {
            _mode = Mode.Done;
            return null;
        }

        _cursor.BeginValue();
        _valuesRead++;
        if (next == '{')
        {
            return BeginObject();
        }

        if (next == '[')
        {
            ReadStartToken();
            BeginArray(isEnvelope: false);
            return null;
        }

        // Let the JSON reader produce the error for whatever this is.
        _window.SetMark(_cursor.ValueStart);
        ReadStartToken();
        return NotAnObject(_cursor.ValueStart, "the value");
    }

    private ReadItem? BeginObject()
    {
        _window.SetMark(_cursor.ValueStart);
        _recordsIsNotArray = false;
        ReadStartToken();
        _mode = Mode.Object;
        return null;
    }

    private void BeginArray(bool isEnvelope)
    {
        _arrayIsEnvelope = isEnvelope;
        _recordIndex = 0;
        _mode = Mode.Array;
    }

    private ReadItem? ObjectStep()
    {
        var token = ReadToken();
        if (token.Type == JsonTokenType.EndObject)
        {
            _mode = Mode.TopLevel;
            return CompleteObject();
        }

        var value = ReadToken();
        if (token.IsRecordsProperty && value.Type == JsonTokenType.StartArray)
        {
            _window.ClearMark();
            BeginArray(isEnvelope: true);
            return null;
        }

        _recordsIsNotArray |= token.IsRecordsProperty;
        SkipIfContainer(value);
        return null;
    }

    private ReadItem? CompleteObject()
    {
        var bytes = _window.Slice(_cursor.ValueStart, _window.Position);
        var location = $"line {_cursor.ValueLine}";
        _window.ClearMark();
        if (_recordsIsNotArray)
        {
            return Error($"{location}, byte {_cursor.ValueStart}", "invalid delivery object: its Records property is not an array, so it contains no records");
        }

        return ToItem(bytes, location, _cursor.ValueStart);
    }

    private ReadItem? ArrayStep()
    {
        var token = ReadToken();
        if (token.Type == JsonTokenType.EndArray)
        {
            _mode = _arrayIsEnvelope ? Mode.EnvelopeTail : Mode.TopLevel;
            return null;
        }

        _recordIndex++;
        if (token.Type != JsonTokenType.StartObject)
        {
            SkipIfContainer(token);
            return NotAnObject(token.Start, $"record {_recordIndex}");
        }

        _window.SetMark(token.Start);
        _cursor.SkipCurrent();
        var bytes = _window.Slice(token.Start, _window.Position);
        var item = ToItem(bytes, RecordLocation(), token.Start);
        _window.ClearMark();
        return item;
    }

    private ReadItem? EnvelopeTailStep()
    {
        var token = ReadToken();
        if (token.Type == JsonTokenType.EndObject)
        {
            _mode = Mode.TopLevel;
            return null;
        }

        SkipIfContainer(ReadToken());
        return null;
    }

    private ReadItem? ToItem(ReadOnlySpan<byte> bytes, string location, long offset)
    {
        if (!RecordParser.TryParse(bytes, out var record, out var error))
        {
            return Error($"{location}, byte {offset}", error!);
        }

        foreach (var item in RecordEnvelopes.Expand(record!, _file, location))
        {
            _pending.Enqueue(item);
        }

        return _pending.TryDequeue(out var first) ? first : null;
    }

    private ReadItem NotAnObject(long offset, string subject)
    {
        var location = _mode == Mode.Array ? RecordLocation() : $"line {_cursor.ValueLine}";
        if (_mode != Mode.Array)
        {
            _window.ClearMark();
            _mode = Mode.TopLevel;
        }

        return Error($"{location}, byte {offset}", $"{subject} is not a JSON object, so it is not a CloudTrail record");
    }

    private string RecordLocation() => _valuesRead == 1 && _cursor.ValueLine == 1
        ? $"record {_recordIndex}"
        : $"line {_cursor.ValueLine}, record {_recordIndex}";

    private JsonToken ReadToken()
    {
        if (!_cursor.TryRead(out var token))
        {
            throw new JsonException("the data ends inside a JSON value");
        }

        return token;
    }

    private void ReadStartToken() => ReadToken();

    private void SkipIfContainer(JsonToken token)
    {
        if (token.Type is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _cursor.SkipCurrent();
        }
    }

    private ReadItem SyntaxError(JsonException exception)
    {
        var (line, offset) = _cursor.Locate(exception);
        var where = _mode == Mode.Array ? $"{RecordLocation()}, byte {offset}" : $"line {line}, byte {offset}";
        if (_window.IsEndOfStream && offset >= _window.BytesRead)
        {
            _mode = Mode.Done;
            var cause = _layerFailure() is { } failure ? $" ({failure})" : "";
            _layerFailureReported = true;
            return Error(where, $"the data ends inside a JSON value, so the file or its gzip stream is truncated{cause}; {_records} records recovered before it");
        }

        var message = JsonErrors.Describe(exception);
        if (TryResume(line))
        {
            _mode = Mode.TopLevel;
            var after = _window.SkipWhitespace() < 0 ? "it is the last line of the file" : $"reading continues at line {_window.Line}";
            return Error(where, $"invalid JSON: {message}; {after}");
        }

        _mode = Mode.Done;
        _layerFailureReported = true;
        return Error(where, $"invalid JSON: {message}; {_records} records recovered before it, the rest of the file is not read");
    }

    /// <summary>
    /// Moves to the line after the one the failed value started on, when the value was one line
    /// of NDJSON; returns <c>false</c> when the file cannot be resumed.
    /// </summary>
    private bool TryResume(long errorLine)
    {
        var valueIsBuffered = _mode is Mode.Object or Mode.TopLevel;
        var startsLine = _cursor.ValueStart == _cursor.ValueLineStart;
        if (!startsLine || (!valueIsBuffered && errorLine != _cursor.ValueLine))
        {
            return false;
        }

        if (valueIsBuffered)
        {
            _window.Rewind(_cursor.ValueStart, _cursor.ValueLine, _cursor.ValueLineStart);
        }

        _window.ClearMark();
        if (!_window.SkipPastNewline())
        {
            return true;
        }

        var next = _window.SkipWhitespace();
        return next < 0 || (next is '{' or '[' && _window.Position == _window.LineStart);
    }

    private static string Location(long offset) => $"byte {offset}";

    private ReadItem Error(string location, string reason) => new(ReadOutcome.Error, _file, location, null, reason);

    private ReadItem Skip(string location, string reason) => new(ReadOutcome.Skipped, _file, location, null, reason);
}
