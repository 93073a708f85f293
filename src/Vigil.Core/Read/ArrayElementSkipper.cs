using System.Buffers;
using System.Runtime.CompilerServices;

namespace Vigil.Read;

/// <summary>
/// Skips one malformed or oversized array element, or one top-level value, without parsing it, so
/// that reading can resume after it. It tracks strings and nesting depth only, in one pass, without
/// buffering. A skip that stopped at a line feed resumes where it stopped when <see cref="TrySkip"/>
/// is called again.
/// </summary>
/// <remarks>
/// <para>
/// With <see cref="ResyncRange"/>, an element skip also finds where an element that lacks a
/// closing bracket ends. Valid JSON never has a <c>{</c> after a <c>,</c> inside an object, and the
/// first one (the candidate) is most likely where such an element runs into the next. The skip
/// still goes on as before, and resumes at the candidate only when the element does not end within
/// <see cref="ResyncRange"/> bytes, or when a closing bracket, a line feed that ends a one-line
/// envelope or the end of the data comes first. An element that ends within the range is one that
/// <see cref="StructuralFraming"/> may frame, and <see cref="ElementSyntax"/> then reports it as
/// this plain skip would, so a hunt and a reader without framing count the same items.
/// </para>
/// <para>
/// The window keeps the bytes from the candidate buffered, at most the range. The skips of the
/// elements that start before where a resumed skip had read resume at their own candidate at once,
/// so that no byte is scanned more than twice and hostile input costs linear time.
/// </para>
/// </remarks>
internal struct ArrayElementSkipper
{
    // Inside a string only these bytes can change the state: a quote ends it, a backslash escapes
    // the next byte, and a line feed ends an NDJSON line.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> StringStopsInLine = SearchValues.Create("\"\\\n"u8);

    // Nesting levels deeper than this are not distinguished as object or array, so no candidate is found in them.
    private const int TrackedDepth = 64;

    // Bit i is set when nesting level i + 1 is an object.
    private ulong _objects;
    private bool _afterCommaInObject;
    private long? _elementStart;
    private (long Offset, long Line, long LineStart)? _candidate;

    private int _depth;
    private bool _inString;
    private bool _escaped;
    private bool _started;

    /// <summary>
    /// Consumes bytes from the window's position up to the next <c>,</c> or <c>]</c> at the
    /// element's own nesting level, which it leaves unconsumed. Returns <c>false</c> when the data
    /// ends first or a closing bracket ends the enclosing value, because no boundary can be found.
    /// </summary>
    /// <param name="window">The data, at the element's first byte or where the last call stopped.</param>
    /// <param name="lineEnded">
    /// When not null, the array is part of one NDJSON line, which a raw newline ends: the skip then
    /// stops at the newline, leaves it unconsumed, returns <c>false</c> and sets this to <c>true</c>.
    /// </param>
    public bool TrySkip(ByteWindow window, StrongBox<bool>? lineEnded = null) => Skip(window, lineEnded, throughValueEnd: false);

    /// <summary>
    /// Consumes the object or array that starts at the window's position, up to and including the
    /// bracket that closes it. Returns <c>false</c> when the data ends first.
    /// </summary>
    public bool TrySkipValue(ByteWindow window) => Skip(window, lineEnded: null, throughValueEnd: true);

    private bool Skip(ByteWindow window, StrongBox<bool>? lineEnded, bool throughValueEnd)
    {
        var stringStops = lineEnded is null ? StringStops : StringStopsInLine;
        var resync = !throughValueEnd && ResyncRange > 0;
        if (resync)
        {
            _elementStart ??= window.Position;
        }

        while (resync ? EnsureAvailableWithinRange(window) : window.EnsureAvailable())
        {
            if (StoppedAtNextObject)
            {
                return true;
            }

            var span = window.Available;
            for (var i = 0; i < span.Length; i++)
            {
                if (_inString && !_escaped)
                {
                    var stop = span[i..].IndexOfAny(stringStops);
                    if (stop < 0)
                    {
                        break;
                    }

                    i += stop;
                }

                var b = span[i];
                if (lineEnded is not null && b == '\n')
                {
                    // JSON text never contains a raw newline inside a string, so this ends the line's value.
                    window.Advance(i);
                    lineEnded.Value = true;
                    return resync && ResyncAtCandidate(window);
                }

                if (_inString)
                {
                    _inString = _escaped || b != '"';
                    _escaped = !_escaped && b == '\\';
                    continue;
                }

                if (_started && _depth == 0 && b is (byte)',' or (byte)']')
                {
                    window.Advance(i);
                    DropCandidate(window);
                    return true;
                }

                if (resync && b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') && NoteCandidate(window, span, i, b))
                {
                    return true;
                }

                _started = true;
                switch (b)
                {
                    case (byte)'"':
                        _inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        _depth++;
                        SetObject(b == '{');
                        break;
                    case (byte)'}' or (byte)']':
                        _depth--;
                        if (_depth < 0)
                        {
                            window.Advance(i);
                            return resync && ResyncAtCandidate(window);
                        }

                        if (_depth == 0 && throughValueEnd)
                        {
                            window.Advance(i + 1);
                            return true;
                        }

                        break;
                }
            }

            window.Advance(span.Length);
        }

        return resync && ResyncAtCandidate(window);
    }

    /// <summary>
    /// The bytes from the element's start within which an element that ends is skipped whole; 0
    /// finds no candidate. The reader sets its maximum record size, the most that structural framing takes.
    /// </summary>
    public int ResyncRange { get; init; }

    /// <summary>Whether the skip resumes at its first candidate at once, because an earlier skip already scanned past it.</summary>
    /// <remarks>
    /// NOTE: such an element may be one that structural framing takes whole, which then counts as
    /// one error where this skip resumes inside it. Only a second damaged element within the range
    /// after an element without its closing bracket can be such an element.
    /// </remarks>
    public bool ResyncAtOnce { get; init; }

    /// <summary>
    /// Set when <see cref="TrySkip"/> returned <c>true</c> at a candidate, which it leaves unconsumed
    /// as the start of the next element, instead of at a <c>,</c> or <c>]</c>.
    /// </summary>
    public bool StoppedAtNextObject { get; private set; }

    /// <summary>After a skip that resumed at its candidate, the offset up to which it had read the data.</summary>
    public long ScannedTo { get; private set; }

    private readonly bool InObject => _depth is > 0 and <= TrackedDepth && (_objects & (1UL << (_depth - 1))) != 0;

    private void SetObject(bool isObject)
    {
        if (_depth <= TrackedDepth)
        {
            var bit = 1UL << (_depth - 1);
            _objects = isObject ? _objects | bit : _objects & ~bit;
        }
    }

    /// <summary>
    /// Notes the byte <paramref name="b"/>, outside strings and not whitespace, at index
    /// <paramref name="i"/> of <paramref name="span"/>, the window's available bytes. Returns
    /// <c>true</c> when the skip stops at it as the next element's start.
    /// </summary>
    private bool NoteCandidate(ByteWindow window, ReadOnlySpan<byte> span, int i, byte b)
    {
        var isCandidate = _afterCommaInObject && b == '{' && _candidate is null;
        _afterCommaInObject = b == ',' && InObject;
        if (!isCandidate)
        {
            return false;
        }

        var offset = window.Position + i;
        if (ResyncAtOnce || offset - _elementStart >= ResyncRange)
        {
            window.Advance(i);
            ScannedTo = window.Position;
            StoppedAtNextObject = true;
            return true;
        }

        var before = span[..i];
        var newlines = before.Count((byte)'\n');
        var lineStart = newlines > 0 ? window.Position + before.LastIndexOf((byte)'\n') + 1 : window.LineStart;
        _candidate = (offset, window.Line + newlines, lineStart);
        window.SetMark(offset, ResyncRange - (int)(offset - _elementStart!.Value));
        return false;
    }

    /// <summary>Fills like <see cref="ByteWindow.EnsureAvailable"/>, and resumes at the candidate once the range is read without the element ending.</summary>
    private bool EnsureAvailableWithinRange(ByteWindow window)
    {
        try
        {
            return window.EnsureAvailable();
        }
        catch (MarkLimitException)
        {
            return ResyncAtCandidate(window);
        }
    }

    /// <summary>Moves back to the candidate, when there is one, and returns whether it did.</summary>
    private bool ResyncAtCandidate(ByteWindow window)
    {
        if (_candidate is not { } candidate)
        {
            return false;
        }

        ScannedTo = window.Position;
        window.Rewind(candidate.Offset, candidate.Line, candidate.LineStart);
        window.ClearMark();
        StoppedAtNextObject = true;
        return true;
    }

    private readonly void DropCandidate(ByteWindow window)
    {
        if (_candidate is not null)
        {
            window.ClearMark();
        }
    }
}
