namespace Vigil.Store;

/// <summary>
/// Tells whether text bytes end after a complete JSON value, by tracking bracket depth and strings
/// without parsing. A watcher uses it to read a document that lacks a final line feed at once,
/// while a document a writer has not finished is left for a later scan.
/// </summary>
internal static class JsonCompleteness
{
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// Returns whether the UTF-8 bytes in [<paramref name="start"/>, <paramref name="end"/>) close
    /// every object and array they open, end outside a string, and end with <c>}</c> or <c>]</c>
    /// before any trailing whitespace. Bytes that close more than they open (a segment that starts
    /// inside a value) return false.
    /// </summary>
    public static bool EndsWithCompleteValue(FileStream file, long start, long end)
    {
        var scan = new Scan();
        var buffer = new byte[BufferSize];
        file.Position = start;
        for (var remaining = end - start; remaining > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0 || !scan.Feed(buffer.AsSpan(0, read)))
            {
                return false;
            }

            remaining -= read;
        }

        return scan.IsComplete;
    }

    private sealed class Scan
    {
        private long _depth;
        private bool _inString;
        private bool _escaped;
        private byte _last;

        public bool IsComplete => _depth == 0 && !_inString && _last is (byte)'}' or (byte)']';

        /// <summary>Reads the next bytes; returns false once a bracket closes more than was opened.</summary>
        public bool Feed(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_inString)
                {
                    var escapedBefore = _escaped;
                    _escaped = !escapedBefore && b == '\\';
                    _inString = escapedBefore || b != '"';
                }
                else if (b is (byte)'{' or (byte)'[')
                {
                    _depth++;
                }
                else if (b is (byte)'}' or (byte)']' && --_depth < 0)
                {
                    return false;
                }
                else if (b == '"')
                {
                    _inString = true;
                }

                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    _last = b;
                }
            }

            return true;
        }
    }
}
