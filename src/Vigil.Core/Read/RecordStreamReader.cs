using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// Reads the items of one decompressed file: a sequence of top-level JSON values, each a
/// <c>{"Records":[…]}</c> envelope, a bare array of records, or one record (one per line in NDJSON).
/// </summary>
/// <remarks>
/// Envelope and array elements are streamed one at a time, and only a top-level object is held
/// whole while it is scanned. An array element, or a top-level object from its first record key
/// on, is buffered only up to the maximum record size. A malformed array element, or one larger
/// than the maximum record size, is skipped up to the next element without being buffered whole.
/// After an error in a value that started a line, reading resumes at the next line if that line
/// starts a new object or array, which is the NDJSON case. Any other error ends the file with a count of the records recovered.
/// </remarks>
internal sealed partial class RecordStreamReader : IDisposable
{
    private const int LeadingBytesShown = 16;

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    // Reader state after the Records array of a delivery object, to read the rest of the object.
    private static readonly byte[] EnvelopeAfterRecords = "{\"Records\":[]"u8.ToArray();

    private readonly ByteWindow _window;
    private readonly JsonTokenCursor _cursor;
    private readonly string _file;
    private readonly Func<string?> _layerFailure;
    private bool _layerFailureReported;
    private readonly Queue<ReadItem> _pending = new();
    private readonly bool _rawRecords;
    private readonly bool _structuralFraming;
    private (long Start, long End) _rawRecord;
    private UnvalidatedElement? _rawRecordUnvalidated;
    private Mode _mode = Mode.Start;
    private bool _arrayIsEnvelope;
    private EventWrapper? _arrayWrapper;
    private EventWrapper? _wrapperIsNotArray;
    private bool _expectSeparator;
    private bool _afterComma;
    private (long Offset, long Line, long LineStart) _elementStart;

    // The line that an object read at the top level starts, or -1 when the object does not start
    // its line or one of its array's elements started on another line. Such an array is part of one NDJSON line.
    private long _envelopeLine = -1;
    private bool _recordsIsNotArray;
    private bool _objectIsRecord;
    private int _recordIndex;
    private int _valuesRead;
    private long _records;
    private long _recordsBefore;
    private readonly int _maxRecordBytes;
    private readonly bool _isPayload;

    /// <param name="stream">The decompressed data.</param>
    /// <param name="file">The file name put in items.</param>
    /// <param name="maxRecordBytes">The largest single record read; a larger one is reported and skipped.</param>
    /// <param name="maxValueBytes">The largest JSON value held whole, such as an object wrapping records.</param>
    /// <param name="layerFailure">
    /// Returns why a layer below ended the data early (a truncated gzip member), or <c>null</c>;
    /// read once the data ends.
    /// </param>
    /// <param name="rawRecords">
    /// When true, each JSON object is returned unparsed: a <see cref="ReadOutcome.Record"/> item
    /// without <see cref="ReadItem.Record"/>, whose bytes are <see cref="RawRecord"/>.
    /// </param>
    /// <param name="structuralFraming">
    /// With <paramref name="rawRecords"/>: frame array elements by <see cref="StructuralFraming"/>
    /// where it can, leaving their syntax to the caller (<see cref="RawRecordUnvalidated"/>).
    /// </param>
    /// <param name="payloadLine">
    /// For one payload of a file of base64 payload lines, the file's line that contains it, from which
    /// locations count lines and which every location names; 0 for the data of a whole file.
    /// </param>
    public RecordStreamReader(
        Stream stream,
        string file,
        int maxRecordBytes = RecordLimits.MaxRecordBytes,
        Func<string?>? layerFailure = null,
        bool rawRecords = false,
        int maxValueBytes = ByteWindow.DefaultMaxSize,
        bool structuralFraming = false,
        long payloadLine = 0)
    {
        _rawRecords = rawRecords;
        _structuralFraming = rawRecords && structuralFraming;
        _maxRecordBytes = maxRecordBytes;
        _window = new ByteWindow(stream, Math.Max(maxValueBytes, maxRecordBytes)) { FirstLine = Math.Max(payloadLine, 1) };
        _isPayload = payloadLine > 0;
        _cursor = new JsonTokenCursor(_window);
        _file = file;
        _layerFailure = layerFailure ?? (() => null);
    }

    /// <summary>The pipe the data comes from, so that a pause in it does not hold back the records read before it.</summary>
    public QuietPipeStream? Pipe
    {
        init => _window.Pipe = value;
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

    /// <summary>
    /// The records read before this reader's data, from earlier payloads of the same file, so that
    /// the records recovered that errors name count the whole file.
    /// </summary>
    public long RecordsBefore
    {
        init => _records = _recordsBefore = value;
    }

    /// <summary>
    /// Whether the data was decoded from a gzip or base64 layer. A <c>.gz</c> file whose data is not
    /// JSON is then a readable file of other data, not a damaged one.
    /// </summary>
    public bool Decoded { get; init; }

    /// <summary>The records read so far, <see cref="RecordsBefore"/> included.</summary>
    public long Records => _records;


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
        catch (MarkLimitException)
        {
            return RecordTooLarge();
        }
        catch (BufferLimitException exception)
        {
            return TooLarge(ValueTooLarge(exception.MaxSize));
        }
        catch (InvalidDataException)
        {
            // Only GZipStream throws this, on invalid deflate data or a failed CRC check, and its
            // .NET message ("unsupported compression method") names neither.
            _layerFailureReported = true;
            return Stop(
                Location(_window.Position),
                $"corrupt gzip data at decompressed byte {_window.BytesRead}: the compressed data is invalid or fails its CRC check");
        }
        catch (IOException exception)
        {
            _layerFailureReported = true;
            return Stop(Location(_window.Position), $"reading the file failed at decompressed byte {_window.BytesRead} ({exception.Message})");
        }
    }

    /// <summary>
    /// The bytes of the object last returned unparsed, valid until the next call of
    /// <see cref="Next"/>. Set only when the reader was created with <c>rawRecords</c>.
    /// </summary>
    public ReadOnlySpan<byte> RawRecord => _window.Slice(_rawRecord.Start, _rawRecord.End);

    /// <summary>Where <see cref="RawRecord"/> lies in a shared read-ahead chunk, or <c>null</c> when its bytes are the window's own.</summary>
    public ChunkSlice? RawRecordSlice => _window.SharedSlice(_rawRecord.Start);

    /// <summary>The byte offset of <see cref="RawRecord"/> in the decompressed data.</summary>
    public long RawRecordOffset => _rawRecord.Start;

    /// <summary>
    /// Set when <see cref="RawRecord"/> was framed by its structure alone: its JSON syntax is then
    /// unchecked, and <see cref="ElementSyntax"/> reports it as this reader would have.
    /// </summary>
    /// <remarks>
    /// Such an element counts among the records recovered that later errors of this reader name,
    /// even when its syntax turns out invalid; <see cref="CorrectRecovered"/> corrects the number.
    /// </remarks>
    public UnvalidatedElement? RawRecordUnvalidated => _rawRecordUnvalidated;

    /// <summary>
    /// For an unvalidated <see cref="RawRecord"/>, the bytes buffered after it, as many as a syntax
    /// error's message can quote: the JSON reader would have read the element with them in view.
    /// </summary>
    public ReadOnlySpan<byte> AfterRawRecord
    {
        get
        {
            if (_rawRecordUnvalidated is null)
            {
                return [];
            }

            var after = _window.Slice(_rawRecord.End, _window.BytesRead);
            return after[..Math.Min(after.Length, ElementSyntax.QuotedBytesAfter)];
        }
    }

    /// <summary>The size of the window's buffer in bytes, which shows how much one value made it hold.</summary>
    internal int BufferSize => _window.BufferSize;

    public void Dispose() => _window.Dispose();

    /// <summary>
    /// Parses the bytes of one top-level object or array element into its items: one record, the
    /// records a wrapper carries, a skip, or an error naming <paramref name="location"/>.
    /// </summary>
    public static IReadOnlyList<ReadItem> ParseItems(ReadOnlySpan<byte> bytes, string file, string location, long offset)
    {
        if (!RecordParser.TryParse(bytes, out var record, out var error))
        {
            return [new ReadItem(ReadOutcome.Error, file, $"{location}, byte {offset}", null, error!)];
        }

        // An element's own problem, such as an invalid record in a log event's message, also names
        // the element's byte: indexes restart in each payload of a Firehose file's one line.
        return [.. RecordEnvelopes.Expand(record!, file, location).Select(item => item.Outcome == ReadOutcome.Error && item.Location == location
            ? item with { Location = $"{location}, byte {offset}" }
            : item)];
    }

    private ReadItem? LayerFailure()
    {
        var failure = _layerFailureReported ? null : _layerFailure();
        _layerFailureReported = true;
        return failure is null
            ? null
            : Error(Location(_window.BytesRead), $"{failure}; {RecoveredBeforeFailure()}, the rest of the {DataNoun} is not read");
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
            return Skip(Location(0), _window.BytesRead == 0 ? $"empty {DataNoun}" : $"the {DataNoun} contains only whitespace");
        }

        if (first is not ('{' or '[') && ArchiveFormats.Recognise(ArchiveHead()) is { } archive)
        {
            return Error(Location(0), archive);
        }

        if ((first is not ('{' or '[') || (first == '[' && !ArrayStartsWithValue())) && NextLineStartsObject())
        {
            return SkipFirstLine();
        }

        if (first is not ('{' or '['))
        {
            var head = _window.Available[..Math.Min(_window.Available.Length, LeadingBytesShown)];

            // A file named for gzip that is neither gzip nor JSON is most likely damaged, not another
            // kind of file, so it is an error that names it. Plain JSON named .gz, as a download
            // that was decompressed on the way leaves it, is read as JSON. Gzip of other data is
            // skipped like any file that is not JSON.
            if (!_isPayload && !Decoded && _file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                return Error($"{Location(_window.Position)}, starting {JsonErrors.QuoteBytes(head)}", "invalid gzip: the file name ends in .gz, but the data is neither gzip nor JSON; check that the file was copied whole");
            }

            return Skip($"{Location(_window.Position)}, starting {JsonErrors.QuoteBytes(head)}", NotCloudTrail.Reason);
        }

        _mode = Mode.TopLevel;
        return null;
    }

    /// <summary>Returns the buffered start of the data, filled far enough to hold a tar header's magic when the data is that long.</summary>
    private ReadOnlySpan<byte> ArchiveHead()
    {
        while (_window.Position + _window.Available.Length < ArchiveFormats.HeadLength && _window.Fill())
        {
        }

        return _window.Position == 0 ? _window.Available : [];
    }

    /// <summary>
    /// Whether the <c>[</c> at the window's position is followed by what can start a JSON value or
    /// end the array, so that a line such as <c>[INFO] export</c> is not read as an array.
    /// </summary>
    private bool ArrayStartsWithValue()
    {
        var after = _window.Available[1..];
        var start = after.IndexOfAnyExcept(" \t\r\n"u8);
        return start < 0 || after[start] is (byte)'{' or (byte)'[' or (byte)']' or (byte)'"' or (byte)'-' or (byte)'t' or (byte)'f' or (byte)'n' or (>= (byte)'0' and <= (byte)'9');
    }

    /// <summary>
    /// Whether a later line of the buffered start of the file starts with <c>{</c>, as in NDJSON
    /// behind header lines or a damaged first record. Each line before it is then an error.
    /// </summary>
    private bool NextLineStartsObject()
    {
        var rest = _window.Available;
        for (var newline = rest.IndexOf((byte)'\n'); newline >= 0; newline = rest.IndexOf((byte)'\n'))
        {
            rest = rest[(newline + 1)..];
            var start = rest.IndexOfAnyExcept(" \t\r"u8);
            if (start >= 0 && rest[start] == '{')
            {
                return true;
            }
        }

        return false;
    }

    private ReadItem SkipFirstLine()
    {
        var where = $"line {_window.Line}, byte {_window.Position}";
        var line = _window.Available[..Math.Min(_window.Available.IndexOf((byte)'\n'), LeadingBytesShown)];
        _window.SkipPastNewline();
        _window.SkipWhitespace();
        _mode = Mode.TopLevel;
        return Error(where, $"not JSON: the line starts with {JsonErrors.QuoteBytes(line)}; reading continues at line {_window.Line} as NDJSON (remove the line if it is a header)");
    }

    private bool StartsWithByteOrderMark()
    {
        while (_window.Available.Length < Utf8ByteOrderMark.Length && _window.Fill())
        {
        }

        return _window.Available.StartsWith(Utf8ByteOrderMark);
    }

    private ReadItem? TopLevel()
    {
        var next = _window.SkipWhitespace();
        if (next < 0)
        {
            _mode = Mode.Done;
            return null;
        }

        // Files that each start with a byte order mark, joined with cat, have one inside.
        if (next == Utf8ByteOrderMark[0] && _window.Position == _window.LineStart && StartsWithByteOrderMark())
        {
            _window.Advance(Utf8ByteOrderMark.Length);
            return null;
        }

        _cursor.BeginValue();
        _valuesRead++;
        if (next == '{')
        {
            return (_structuralFraming ? FrameLineStructurallyWithFill() : null) ?? BeginObject();
        }

        if (next == '[')
        {
            _envelopeLine = -1;
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
        _envelopeLine = _cursor.ValueStart == _cursor.ValueLineStart ? _cursor.ValueLine : -1;
        _window.SetMark(_cursor.ValueStart);
        _recordsIsNotArray = false;
        _wrapperIsNotArray = null;
        _objectIsRecord = false;
        BeginSubscriptionKeys();
        ReadStartToken();
        _mode = Mode.Object;
        return null;
    }

    private void BeginArray(bool isEnvelope)
    {
        _arrayIsEnvelope = isEnvelope;
        _arrayWrapper = null;
        _recordIndex = 0;
        _expectSeparator = false;
        _afterComma = false;
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
        if ((token.IsRecordsProperty || token.Wrapper is not null) && value.Type == JsonTokenType.StartArray)
        {
            _window.ClearMark();
            BeginArray(isEnvelope: true);
            _arrayWrapper = token.Wrapper;
            return null;
        }

        if (StartsLogEvents(token, value))
        {
            BeginLogEvents();
            return null;
        }

        // From its first record key on, the object is one record. Its bytes are then kept only up to
        // the record limit, and RecordTooLarge skips a larger one by streaming.
        if (token.SubscriptionKey == SubscriptionKey.Record && !_objectIsRecord)
        {
            _objectIsRecord = true;
            _window.SetMark(_cursor.ValueStart, _maxRecordBytes);
        }

        _recordsIsNotArray |= token.IsRecordsProperty;
        _wrapperIsNotArray ??= token.Wrapper;
        SkipIfContainer(value);
        return null;
    }

    private ReadItem? CompleteObject()
    {
        var bytes = _window.Slice(_cursor.ValueStart, _window.Position);
        var place = ItemPlace.OfLine(_cursor.ValueLine);
        _window.ClearMark();
        if (_recordsIsNotArray)
        {
            return Error($"{place.Describe()}, byte {_cursor.ValueStart}", "invalid delivery object: its Records property is not an array, so it contains no records");
        }

        if (_wrapperIsNotArray is { } wrapper)
        {
            return Error($"{place.Describe()}, byte {_cursor.ValueStart}", $"invalid output object: its {wrapper.Property} property is not an array, so it contains no {wrapper.Noun}s");
        }

        // A top-level object over the limit may wrap many small records, so only a record is refused.
        // The error is the one RecordTooLarge gives when the object does not fit in the window.
        if (bytes.Length > _maxRecordBytes && (_objectIsRecord || TopLevelKeys.IsRecord(bytes)))
        {
            return Error($"{place.Describe()}, byte {_cursor.ValueStart}", SkippedLine(RecordLimits.TooLarge(_maxRecordBytes), NextValueLine()));
        }

        return ToItem(bytes, place, _cursor.ValueStart);
    }

    private ReadItem? ArrayStep()
    {
        // Elements are framed here, not by the JSON reader, so that whitespace between them is
        // streamed instead of buffered and a malformed element can be skipped on its own.
        var next = _window.SkipWhitespace();
        if (next < 0)
        {
            // The missing value is the next record, so the error names its 1-based number.
            _recordIndex += _expectSeparator ? 0 : 1;
            throw new JsonException("the data ends inside a JSON value");
        }

        if (next == ']')
        {
            _window.Advance(1);
            return EndArray();
        }

        if (!_expectSeparator)
        {
            return _afterComma && RanIntoNextLine(next) && StartsEnvelope() ? LineEndedInsideEnvelope() : ReadElement();
        }

        if (RanIntoNextLine(next))
        {
            return LineEndedInsideEnvelope();
        }

        if (next != ',')
        {
            MarkElement();
            return SkipElement(_window.Position, $"missing comma: {JsonErrors.Quote(((char)next).ToString())} follows a record where ',' or ']' is expected");
        }

        _window.Advance(1);
        _expectSeparator = false;
        _afterComma = true;
        return null;
    }

    private ReadItem? EndArray()
    {
        if (_arrayIsEnvelope)
        {
            _cursor.ResumeInside(EnvelopeAfterRecords);
        }

        _mode = _arrayIsEnvelope ? Mode.EnvelopeTail : Mode.TopLevel;
        if (_afterComma)
        {
            return Error($"{RecordLocation()}, byte {_window.Position - 1}", "invalid JSON: trailing comma before ']'; no record is lost");
        }

        // A bare `[]`, as a file or as an NDJSON line, is counted like `{}`, and so is an envelope
        // without elements (`{"Records":[]}`), so that every line and file read is accounted for.
        if (_recordIndex > 0)
        {
            return null;
        }

        var where = $"line {_cursor.ValueLine}, byte {_cursor.ValueStart}";
        return _arrayIsEnvelope
            ? Skip(where, $"its {(_arrayWrapper?.Property ?? "Records")} array is empty, so it contains no {(_arrayWrapper is { } wrapper ? wrapper.Noun + "s" : "records")}")
            : Skip(where, "empty JSON array, so it contains no records");
    }

    private void MarkElement()
    {
        _recordIndex++;
        _envelopeLine = _window.Line == _envelopeLine ? _envelopeLine : -1;
        _elementStart = (_window.Position, _window.Line, _window.LineStart);
        _window.SetMark(_window.Position, _maxRecordBytes);
    }

    private ReadItem? ReadElement()
    {
        MarkElement();
        _expectSeparator = true;
        _afterComma = false;
        var cutByWindow = false;
        if (_structuralFraming && FrameStructurally(out cutByWindow) is { } framed)
        {
            return framed;
        }

        // An element that runs past the window's bytes is framed again after a fill, because skipping
        // it with the JSON reader took a third of the framing time of a 1 GB hunt's reading thread.
        if (cutByWindow && !_window.InputPaused && _window.Fill() && FrameStructurally(out _) is { } refilled)
        {
            return refilled;
        }

        _cursor.ResumeInside("["u8);
        var token = ReadToken();
        if (token.Type != JsonTokenType.StartObject)
        {
            SkipIfContainer(token);
            _window.ClearMark();
            return NotAnObject(token.Start, $"{_arrayWrapper?.Noun ?? "record"} {_recordIndex}");
        }

        _cursor.SkipCurrent();
        var bytes = _window.Slice(token.Start, _window.Position);
        if (bytes.Length > _maxRecordBytes)
        {
            // Skipped as RecordTooLarge skips an element that did not fit in the window, so that the
            // error does not depend on how much of the data was buffered.
            return SkipElement(token.Start, RecordLimits.TooLarge(_maxRecordBytes));
        }

        // Outside its array an element without its record field is not recognised as one, so the
        // reader reports it here, while the element's origin is still at hand.
        if (_arrayWrapper is { } wrapper && !TopLevelKeys.HasStringProperty(bytes, wrapper.Field))
        {
            _window.ClearMark();
            return Error($"{RecordLocation()}, byte {token.Start}", MissingField(wrapper));
        }

        var item = ToItem(bytes, RecordPlace(), token.Start);
        _window.ClearMark();
        return item;
    }

    /// <summary>
    /// Frames an object element that is buffered whole with the <c>,</c> or <c>]</c> after it, by
    /// its structure alone; returns <c>null</c> to leave anything else to the JSON reader. An element
    /// of a wrapper's array is checked for its field with its syntax, by <see cref="ElementSyntax"/>.
    /// </summary>
    /// <param name="cutByWindow">
    /// Set when the element or the separator after it may lie past the window's last byte, so that
    /// more bytes could frame it.
    /// </param>
    private ReadItem? FrameStructurally(out bool cutByWindow)
    {
        cutByWindow = false;
        var available = _window.Available;
        if (available[0] != '{')
        {
            return null;
        }

        var length = StructuralFraming.ValueLength(available[..Math.Min(available.Length, _maxRecordBytes)], out var hasNewline);
        var separator = length > 0 ? available[length..].IndexOfAnyExcept(" \t\r\n"u8) : -1;
        if (separator < 0 || available[length + separator] is not ((byte)',' or (byte)']'))
        {
            cutByWindow = separator < 0 && length != StructuralFraming.Declined && available.Length < _maxRecordBytes && !_window.IsEndOfStream;
            return null;
        }

        // On a one-line envelope, the reader's recovery from an invalid element stops at a line feed
        // that a value follows, as at a line cut short, so an element that reaches the next line is
        // left to the reader.
        if (_envelopeLine >= 0 && (hasNewline || available.Slice(length, separator).Contains((byte)'\n')))
        {
            return null;
        }

        var start = _window.Position;
        if (hasNewline)
        {
            _window.Advance(length);
        }
        else
        {
            _window.AdvanceWithinLine(length);
        }

        var item = ToItem(_window.Slice(start, start + length), RecordPlace(), start);
        _rawRecordUnvalidated = new UnvalidatedElement(_recordIndex, _elementStart.Line, _elementStart.LineStart, start + length + separator, Wrapper: _arrayWrapper);
        _window.ClearMark();
        return item;
    }

    /// <summary>
    /// Frames the object at the window's position by its structure alone when it is one whole NDJSON
    /// line of a plain record, buffered with what follows it up to the next value; returns
    /// <c>null</c> to leave anything else to the JSON reader.
    /// </summary>
    /// <remarks>
    /// Only such a line is taken, because only then does the JSON reader's error recovery skip
    /// exactly this object and resume at a known line (<see cref="TryResume"/>). An object that may
    /// contain a <c>Records</c>, <c>Events</c>, <c>events</c> or <c>logEvents</c> array, spelled out or
    /// escaped, is left to the reader. After a pipe paused, the next line's start is not awaited:
    /// the JSON reader frames the object without it, so that a record at the end of a burst is not
    /// held until more data comes.
    /// </remarks>
    private ReadItem? FrameLineStructurallyWithFill() =>
        FrameLineStructurally(out var cutByWindow) ?? (cutByWindow && !_window.InputPaused && _window.Fill() ? FrameLineStructurally(out _) : null);

    /// <param name="cutByWindow">Set when the line may run past the window's last byte, so that more bytes could frame it.</param>
    private ReadItem? FrameLineStructurally(out bool cutByWindow)
    {
        cutByWindow = false;
        var available = _window.Available;
        if (_window.Position != _window.LineStart)
        {
            return null;
        }

        var length = StructuralFraming.ValueLength(available[..Math.Min(available.Length, _maxRecordBytes)]);
        var mayGrow = available.Length < _maxRecordBytes && !_window.IsEndOfStream;
        if (length <= 0 || available[..length].Contains((byte)'\n') || MayHoldRecords(available[..length]))
        {
            cutByWindow = length == StructuralFraming.Incomplete && mayGrow;
            return null;
        }

        if (!TryFindNextLine(available[length..], out var resumeLine))
        {
            // The next line's start may not be buffered yet.
            cutByWindow = mayGrow;
            return null;
        }

        var start = _window.Position;
        _window.AdvanceWithinLine(length);
        var item = ToItem(_window.Slice(start, start + length), ItemPlace.OfLine(_cursor.ValueLine), start);
        _rawRecordUnvalidated = new UnvalidatedElement(0, _cursor.ValueLine, _cursor.ValueLineStart, start + length, resumeLine);
        return item;
    }

    private static bool MayHoldRecords(ReadOnlySpan<byte> value) =>
        value.IndexOf("\"Records\""u8) >= 0
        || value.IndexOf("\"Events\""u8) >= 0
        || value.IndexOf("\"events\""u8) >= 0
        || value.IndexOf("\"logEvents\""u8) >= 0
        || value.IndexOf("\\u"u8) >= 0;

    /// <summary>
    /// Finds the line where the JSON reader would resume after this line's object turned out
    /// invalid: only blanks may follow the object on its line, and the next value must start a
    /// line with <c>{</c> or <c>[</c>. Returns <c>false</c> when that is not so or not yet buffered.
    /// </summary>
    private bool TryFindNextLine(ReadOnlySpan<byte> rest, out long resumeLine)
    {
        resumeLine = 0;
        var lineEnd = rest.IndexOfAnyExcept(" \t\r"u8);
        if (lineEnd < 0)
        {
            return _window.IsEndOfStream;
        }

        if (rest[lineEnd] != '\n')
        {
            return false;
        }

        var after = rest[(lineEnd + 1)..];
        var next = after.IndexOfAnyExcept(" \t\r\n"u8);
        if (next < 0)
        {
            return _window.IsEndOfStream;
        }

        if (after[next] is not ((byte)'{' or (byte)'[') || (next > 0 && after[next - 1] != '\n'))
        {
            return false;
        }

        resumeLine = _cursor.ValueLine + 1 + after[..next].Count((byte)'\n');
        return true;
    }

    private ReadItem? EnvelopeTailStep()
    {
        if (RanIntoNextLine(_window.SkipWhitespace()))
        {
            return LineEndedInsideEnvelope();
        }

        // NOTE: whitespace between the delivery object's other properties goes through the JSON
        // reader and is buffered, so a run over the maximum record size there ends the file.
        var token = ReadToken();
        if (token.Type == JsonTokenType.EndObject)
        {
            _mode = Mode.TopLevel;
            return null;
        }

        var value = ReadToken();
        if ((token.IsRecordsProperty || token.Wrapper is not null) && value.Type == JsonTokenType.StartArray)
        {
            return SecondRecordsArray(token);
        }

        SkipIfContainer(value);
        if (token.IsRecordsProperty || token.Wrapper is not null)
        {
            // Readers that keep the last of a repeated key would find no records here at all.
            var name = token.Wrapper?.Property ?? "Records";
            return Error($"line {_cursor.ValueLine}, byte {token.Start}", $"invalid JSON: the object has a second {name} key, whose value is not an array; the records of the first are read, where other JSON readers keep only the second");
        }

        return null;
    }

    /// <summary>
    /// Reads a second array of records in the same object, numbering its records on from the first's,
    /// and reports the repeated key. Other JSON readers keep one array of the two (Python and jq the
    /// last), so skipping either would hide its records from a hunt.
    /// </summary>
    private ReadItem SecondRecordsArray(JsonToken token)
    {
        var name = token.Wrapper?.Property ?? "Records";
        var first = _arrayWrapper?.Property ?? "Records";
        var recordIndex = _recordIndex;
        _window.ClearMark();
        BeginArray(isEnvelope: true);
        _arrayWrapper = token.Wrapper;
        _recordIndex = recordIndex;
        return Error(
            $"line {_cursor.ValueLine}, byte {token.Start}",
            name == first
                ? $"invalid JSON: the object has a second {name} array; its records are read too, where other JSON readers keep only one of the two"
                : $"invalid JSON: the object has a {name} array after its {first} array; its records are read too, where other JSON readers keep only one of the two");
    }

    private ReadItem? ToItem(ReadOnlySpan<byte> bytes, ItemPlace place, long offset)
    {
        if (_rawRecords)
        {
            _rawRecord = (offset, offset + bytes.Length);
            _rawRecordUnvalidated = null;
            return new ReadItem(_file, place);
        }

        foreach (var item in ParseItems(bytes, _file, place.Describe(), offset))
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

    private string RecordLocation() => RecordPlace().Describe();

    private ItemPlace RecordPlace() => (_arrayWrapper, _isPayload) switch
    {
        // The AWS CLI indents its output, so an element's own line is the useful one.
        ({ } wrapper, _) => new ItemPlace(_elementStart.Line, wrapper.Noun, _recordIndex),

        // A payload's lines are the file's, and its decoded text has lines of its own.
        (null, true) => new ItemPlace(_cursor.ValueLine, "record", _recordIndex),

        // A one-line delivery object names records by index alone. An indented one names each
        // record's own line, not the line where the object starts.
        _ when _valuesRead == 1 && _elementStart.Line == 1 => ItemPlace.OfRecord(_recordIndex),
        _ => new ItemPlace(_elementStart.Line, "record", _recordIndex),
    };

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

    /// <summary>Returns the location of <paramref name="offset"/>, which for a payload names its line too.</summary>
    private string Location(long offset) => _isPayload ? $"line {_window.Line}, byte {offset}" : $"byte {offset}";

    /// <summary>What messages call the data read.</summary>
    private string DataNoun => _isPayload ? "payload" : "file";

    /// <summary>The reason given for an element of <paramref name="wrapper"/>'s array that lacks the field with the record.</summary>
    internal static string MissingField(EventWrapper wrapper) =>
        $"missing {wrapper.Field}: the {wrapper.Noun} has no {wrapper.Field} string, so it contains no CloudTrail record";

    private ReadItem Error(string location, string reason) => new(ReadOutcome.Error, _file, location, null, reason);

    private ReadItem Skip(string location, string reason) => new(ReadOutcome.Skipped, _file, location, null, reason);
}
