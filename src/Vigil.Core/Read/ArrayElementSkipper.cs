using System.Buffers;
using System.Runtime.CompilerServices;

namespace Vigil.Read;

/// <summary>
/// Skips one malformed or oversized array element, or one top-level value, without parsing it, so
/// that reading can resume after it. It tracks strings and nesting depth only, in one pass, without
/// buffering. A skip that stopped at a line feed resumes where it stopped when <see cref="TrySkip"/>
/// is called again.
/// </summary>
internal struct ArrayElementSkipper
{
    // Inside a string only these bytes can change the state: a quote ends it, a backslash escapes
    // the next byte, and a line feed ends an NDJSON line.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> StringStopsInLine = SearchValues.Create("\"\\\n"u8);

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
        while (window.EnsureAvailable())
        {
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
                    return false;
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
                        break;
                    case (byte)'}' or (byte)']':
                        _depth--;
                        if (_depth < 0)
                        {
                            window.Advance(i);
                            return false;
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

        return false;
    }
}
