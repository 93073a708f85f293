using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vigil.Read;

/// <summary>Error recovery of <see cref="RecordStreamReader"/>: each failure becomes one error item.</summary>
internal sealed partial class RecordStreamReader
{
    // Blank lines after a line feed inside a damaged element are looked through up to this many
    // bytes, which the window keeps buffered while it looks. Beyond that, the blank lines are
    // consumed and a value must start the line after them, as for a line cut short.
    private const int MaxLineFeedLookAhead = 64 * 1024;

    // The offset up to which a skip that resumed at the next element had read (see ArrayElementSkipper.ResyncAtOnce).
    private long _resyncScannedTo;

    /// <summary>
    /// Reports the malformed element that starts at the marked element start and skips to the
    /// next element. When the array is part of one NDJSON line and the element does not end on it,
    /// reading resumes at the next line if that line starts a value, and otherwise the skip goes on
    /// across the line feed. An element that runs into the next one, as one without its closing
    /// brace does, ends where the next one starts. When no next element can be found, the rest of
    /// the file is not read, and the error names how many bytes that is.
    /// </summary>
    private ReadItem SkipElement(long errorOffset, string problem) => WithLayerCheck(SkipInvalidElement(errorOffset, problem));

    private ReadItem SkipInvalidElement(long errorOffset, string problem)
    {
        var where = $"{RecordLocation()}, byte {errorOffset}";
        var (start, line, lineStart) = _elementStart;
        _window.Rewind(start, line, lineStart);
        _window.ClearMark();
        _expectSeparator = true;
        _afterComma = false;
        var lineEnded = line == _envelopeLine ? new StrongBox<bool>() : null;
        var skipper = new ArrayElementSkipper { ResyncRange = _maxRecordBytes, ResyncAtOnce = start < _resyncScannedTo };
        if (skipper.TrySkip(_window, lineEnded))
        {
            return SkippedTo(skipper, where, problem);
        }

        if (lineEnded is { Value: true })
        {
            if (NextLineStartsValue() == false)
            {
                // A line feed that no value follows is damage inside the element, such as a raw line
                // feed in a string, so the skip goes on past it and only this record is lost.
                if (skipper.TrySkip(_window))
                {
                    return SkippedTo(skipper, where, problem);
                }
            }
            else if (_window.SkipPastNewline() && _window.SkipWhitespace() is '{' or '[' && _window.Position == _window.LineStart)
            {
                _mode = Mode.TopLevel;
                return Error(where, $"{problem}; the line ends inside record {_recordIndex}, which is left out with the rest of the line (counted as an error), and reading continues at line {_window.Line}");
            }
        }

        _mode = Mode.Done;
        _window.ClearMark();
        var unread = _window.SkipToEnd() - start;
        return Error(where, $"{problem}; the end of record {_recordIndex} could not be found, so {Recovered()} and the rest of the {DataNoun}, {unread} bytes from byte {start}, is not read");
    }

    /// <summary>Reports the element that <paramref name="skipper"/> skipped, and reads on where it stopped.</summary>
    private ReadItem SkippedTo(ArrayElementSkipper skipper, string where, string problem)
    {
        if (!skipper.StoppedAtNextObject)
        {
            return Error(where, SkippedElement(problem, _recordIndex, _window.Position));
        }

        // The next element starts where the skip stopped, with no comma before it to read.
        _expectSeparator = false;
        _afterComma = true;
        _resyncScannedTo = Math.Max(_resyncScannedTo, skipper.ScannedTo);
        return Error(where, $"{problem}; record {_recordIndex} runs into the next record without its closing bracket, so record {_recordIndex} is left out (counted as an error) and reading continues at byte {_window.Position}, where the next record starts");
    }

    /// <summary>
    /// Whether, after the line feed at the window's position and any blank lines, a line starts with
    /// <c>{</c> or <c>[</c>. Reads ahead without consuming, and returns <c>null</c> when
    /// <see cref="MaxLineFeedLookAhead"/> bytes of blank lines leave it undecided.
    /// </summary>
    private bool? NextLineStartsValue()
    {
        while (true)
        {
            var available = _window.Available;
            var ahead = available[..Math.Min(available.Length, MaxLineFeedLookAhead)];
            var next = ahead.Length > 1 ? ahead[1..].IndexOfAnyExcept(" \t\r\n"u8) : -1;
            if (next >= 0)
            {
                return ahead[next + 1] is (byte)'{' or (byte)'[' && ahead[next] == '\n';
            }

            if (ahead.Length == MaxLineFeedLookAhead)
            {
                return null;
            }

            if (!_window.Fill())
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Whether an object that is one NDJSON line has run into the next line's value where it needs
    /// a ',', ']' or '}': its line ended before it closed, as when the line was cut short. Valid JSON
    /// never has a value there, so this changes nothing for a valid file.
    /// </summary>
    /// <remarks>
    /// A line cut just after a comma (<c>…},</c>) is still valid JSON up to the next line's value,
    /// so there the value counts as the next line's only when it is a delivery object
    /// (<see cref="StartsEnvelope"/>), which no record is. A record that starts the next line is
    /// read as the array's next element, as a valid envelope written one element per line needs.
    /// </remarks>
    private bool RanIntoNextLine(int next) =>
        _envelopeLine >= 0 && _window.Line > _envelopeLine && next is '{' or '[' && _window.Position == _window.LineStart;

    /// <summary>
    /// Whether the object at the window's position starts with a <c>Records</c> key, as a delivery
    /// object does. Reads ahead without consuming, through at most <see cref="MaxLineFeedLookAhead"/> bytes.
    /// </summary>
    private bool StartsEnvelope()
    {
        var key = "\"Records\""u8;
        while (true)
        {
            var available = _window.Available;
            var rest = available.Length > 1 ? available[1..] : [];
            var start = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (start >= 0 && rest.Length - start >= key.Length)
            {
                return rest[start..].StartsWith(key);
            }

            if (available.Length >= MaxLineFeedLookAhead || !_window.Fill())
            {
                return false;
            }
        }
    }

    /// <summary>Reports the object whose line ended before it closed, and reads on from the value that starts the next line.</summary>
    private ReadItem LineEndedInsideEnvelope()
    {
        var line = _envelopeLine;
        _envelopeLine = -1;
        _window.ClearMark();
        _mode = Mode.TopLevel;
        return WithLayerCheck(Error($"line {line}", $"invalid JSON: the line ends before the object that starts it is closed; {Recovered()} before it, and reading continues at line {_window.Line}"));
    }

    /// <summary>The reason given for a malformed array element that reading skipped.</summary>
    internal static string SkippedElement(string problem, int recordIndex, long resumeOffset) =>
        $"{problem}; record {recordIndex} is left out (counted as an error) and reading continues at byte {resumeOffset}";

    /// <summary>The reason given for a malformed NDJSON line that reading skipped; <paramref name="resumeLine"/> 0 is the end.</summary>
    internal static string SkippedLine(string problem, long resumeLine) =>
        resumeLine == 0 ? $"{problem}; it is the last line of the file" : $"{problem}; reading continues at line {resumeLine}";

    /// <summary>The problem of a JSON syntax error, as every error item names it.</summary>
    internal static string InvalidJson(JsonException exception) => $"invalid JSON: {JsonErrors.Describe(exception)}";

    private ReadItem SyntaxError(JsonException exception)
    {
        var (line, offset) = _cursor.Locate(exception);
        var where = _mode == Mode.Array ? $"{RecordLocation()}, byte {offset}" : $"line {line}, byte {offset}";
        if (_window.IsEndOfStream && (offset >= _window.BytesRead || OnlySeparatorFollows(offset)))
        {
            return Truncated(where, line);
        }

        var problem = InvalidJson(exception);
        if (_mode != Mode.Array && _cursor.ValueLine < line && _cursor.ValueStart == _cursor.ValueLineStart)
        {
            // A value left open on its line (an NDJSON line cut short) runs into the next ones, where
            // the parser fails. The error names the line the value starts on, which reading resumes after.
            where = $"line {_cursor.ValueLine}, byte {_cursor.ValueStart}";
            problem = $"{problem}, found at line {line}, byte {offset}, inside the value that starts here";
        }

        return _mode == Mode.Array ? SkipElement(offset, problem) : SkipLine(where, line, problem);
    }

    /// <summary>
    /// Whether only a <c>,</c> or <c>:</c> and whitespace lie from <paramref name="offset"/> to the end
    /// of the data. The JSON reader fails at such a separator, before the end, when the data is cut
    /// right after it, so the value it introduces is missing.
    /// </summary>
    private bool OnlySeparatorFollows(long offset)
    {
        if (!_window.Holds(offset))
        {
            return false;
        }

        var rest = _window.Slice(offset, _window.BytesRead).Trim(" \t\r\n"u8);
        return rest.Length == 1 && rest[0] is (byte)',' or (byte)':';
    }

    /// <summary>
    /// Reports data that ends inside a value. When the value is one NDJSON line and more lines
    /// follow, reading resumes at the next line, because an NDJSON record never contains a raw newline.
    /// </summary>
    private ReadItem Truncated(string where, long line)
    {
        var problem = "the data ends inside a JSON value";
        if (_mode != Mode.Array && TryResume(line, out _) && _window.SkipWhitespace() >= 0)
        {
            _mode = Mode.TopLevel;
            return Error($"line {_cursor.ValueLine}, byte {_cursor.ValueStart}", $"{problem}; the line is not a complete record and reading continues at line {_window.Line}");
        }

        // A failed layer (bad base64, a broken gzip member) explains the end, so it replaces the guess.
        _mode = Mode.Done;
        _layerFailureReported = true;
        return _layerFailure() is { } failure
            ? Error(where, $"{problem}: {failure}; {RecoveredBeforeFailure()}")
            : Error(where, $"{problem}, so the {DataNoun} or its gzip stream is truncated; {Recovered()} before it");
    }

    private ReadItem SkipLine(string where, long line, string problem) => WithLayerCheck(SkipInvalidLine(where, line, problem));

    private ReadItem SkipInvalidLine(string where, long line, string problem)
    {
        // When no later line starts a value, one error states that the rest of the file is not read,
        // and a failed layer under it is not reported again.
        if (TryResume(line, out var reachedEnd) && !reachedEnd)
        {
            _mode = Mode.TopLevel;
            return Error(where, SkippedLine(problem, NextValueLine()));
        }

        return Stop(where, problem);
    }

    private ReadItem TooLarge(string problem) => _mode switch
    {
        Mode.Array => SkipElement(_elementStart.Offset, problem),
        Mode.Object or Mode.TopLevel => SkipLine($"line {_cursor.ValueLine}, byte {_cursor.ValueStart}", _cursor.ValueLine, problem),
        _ => Stop(Location(_window.Position), problem),
    };

    /// <summary>
    /// Reports the array element or top-level record that has run past the record limit, and skips
    /// the rest of it by streaming, so that its bytes are never buffered whole.
    /// </summary>
    private ReadItem RecordTooLarge()
    {
        var problem = RecordLimits.TooLarge(_maxRecordBytes);
        return _mode == Mode.Array ? SkipElement(_elementStart.Offset, problem) : SkipOversizedObject(problem);
    }

    /// <summary>
    /// Skips the top-level object that the cursor is inside from its start, which the window's mark
    /// still keeps buffered, to its closing brace, and reads on after it.
    /// </summary>
    private ReadItem SkipOversizedObject(string problem)
    {
        var where = $"line {_cursor.ValueLine}, byte {_cursor.ValueStart}";
        _window.Rewind(_cursor.ValueStart, _cursor.ValueLine, _cursor.ValueLineStart);
        _window.ClearMark();
        var skipper = new ArrayElementSkipper();
        if (skipper.TrySkipValue(_window))
        {
            _mode = Mode.TopLevel;
            return Error(where, SkippedLine(problem, NextValueLine()));
        }

        _mode = Mode.Done;
        _layerFailureReported = true;
        var cause = _layerFailure() ?? $"the {DataNoun} or its gzip stream is truncated";
        return Error(where, $"{problem}; the data ends inside the record: {cause}; {Recovered()} before it");
    }

    /// <summary>Consumes whitespace and returns the line where the next value starts, or 0 at the end of the data.</summary>
    private long NextValueLine() => _window.SkipWhitespace() < 0 ? 0 : _window.Line;

    /// <summary>The problem of a value larger than the window's <paramref name="maxSize"/>, named for where it lies.</summary>
    private string ValueTooLarge(int maxSize) => _mode == Mode.Object
        ? $"the object is larger than {RecordLimits.Describe(maxSize)}, the maximum size of an object read whole; only Records, Events and events arrays, and a logEvents array after messageType, are read record by record, so split any other object that wraps records, such as CloudTrail Lake query results, into smaller files"
        : $"the JSON value is larger than {RecordLimits.Describe(maxSize)}, the maximum size of a value read whole, and CloudTrail data has no value that large outside its records; check what wrote the {DataNoun}";

    private ReadItem Stop(string where, string problem)
    {
        _mode = Mode.Done;
        _layerFailureReported = true;
        return Error(where, $"{problem}; {Recovered()} before it, the rest of the {DataNoun} is not read");
    }

    private string Recovered() => RecoveredText(_records);

    private static string RecoveredText(long records) => records == 1 ? "1 record recovered" : $"{records} records recovered";

    /// <summary>
    /// Returns <paramref name="reason"/> with <paramref name="difference"/> added to the records
    /// recovered that it names: a hunt's reader counts raw values, which may hold several records
    /// (an envelope) or none (a structurally framed element that turned out invalid).
    /// </summary>
    internal static string CorrectRecovered(string reason, int difference) =>
        RecoveredCount().Replace(reason, match => RecoveredText(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + difference), 1);

    [GeneratedRegex(@"([0-9]+) records? recovered")]
    private static partial Regex RecoveredCount();

    /// <summary>
    /// Moves to the next line that starts with <c>{</c> or <c>[</c> after the one the failed value
    /// started on, when the value was one line of NDJSON or a stray byte after a value on its line;
    /// returns <c>false</c> when the file cannot be resumed.
    /// </summary>
    /// <remarks>
    /// Lines between that start no value are skipped with the failed one: text between exported
    /// pages ("Fetching page 2..."), or the rest of a record that a raw line feed cut in two. Each is
    /// at worst part of a record already reported, and resuming at them would report every one
    /// again, or stop the read for good as the reader once did, which lost every later record.
    /// </remarks>
    private bool TryResume(long errorLine, out bool reachedEnd)
    {
        reachedEnd = false;
        var valueIsBuffered = _mode is Mode.Object or Mode.TopLevel;
        var startsLine = _cursor.ValueStart == _cursor.ValueLineStart;

        // At the top level a byte after a complete value (a stray brace or comma) starts mid-line.
        if ((!startsLine && _mode != Mode.TopLevel) || (!valueIsBuffered && errorLine != _cursor.ValueLine))
        {
            return false;
        }

        if (valueIsBuffered)
        {
            _window.Rewind(_cursor.ValueStart, _cursor.ValueLine, _cursor.ValueLineStart);
        }

        _window.ClearMark();
        var skippedLines = 0;
        while (_window.SkipPastNewline())
        {
            var next = _window.SkipWhitespace();
            if (next < 0)
            {
                break;
            }

            if (next is '{' or '[' && _window.Position == _window.LineStart)
            {
                return true;
            }

            skippedLines++;
        }

        reachedEnd = skippedLines > 0;
        return true;
    }
}
