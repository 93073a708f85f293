namespace Vigil.Read;

/// <summary>
/// Skips one malformed array element without parsing it, so that reading can resume at the next
/// element. It tracks strings and nesting depth only, in one pass, without buffering.
/// </summary>
internal static class ArrayElementSkipper
{
    /// <summary>
    /// Consumes bytes from the window's position up to the next <c>,</c> or <c>]</c> at the
    /// element's own nesting level, which it leaves unconsumed. Returns <c>false</c> when the data
    /// ends first or a closing bracket ends the enclosing value, because no boundary can be found.
    /// </summary>
    public static bool TrySkip(ByteWindow window)
    {
        var depth = 0;
        var inString = false;
        var escaped = false;
        var first = true;
        while (window.EnsureAvailable())
        {
            var span = window.Available;
            for (var i = 0; i < span.Length; i++)
            {
                var b = span[i];
                if (inString)
                {
                    inString = escaped || b != '"';
                    escaped = !escaped && b == '\\';
                    continue;
                }

                if (!first && depth == 0 && b is (byte)',' or (byte)']')
                {
                    window.Advance(i);
                    return true;
                }

                first = false;
                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        depth++;
                        break;
                    case (byte)'}' or (byte)']' when --depth < 0:
                        window.Advance(i);
                        return false;
                }
            }

            window.Advance(span.Length);
        }

        return false;
    }
}
