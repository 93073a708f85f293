namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// Matches whole values against a glob whose only operator is <c>*</c>, in time linear in the value
/// length plus the pattern length, for any pattern. The first segment must be a prefix and the last a
/// suffix; each middle segment is found at its leftmost position after the previous one (greedy
/// leftmost placement is optimal for <c>*</c>-only globs), using Knuth-Morris-Pratt search so that no
/// character of the value is compared more than a constant number of times per segment pass.
/// </summary>
internal sealed class WildcardMatcher
{
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string[] _middle;
    private readonly int[][] _failure;
    private readonly int _minimumLength;
    private readonly bool _exact;

    /// <summary>Creates a matcher for the literal <paramref name="segments"/> around each wildcard; one segment means no wildcard.</summary>
    public WildcardMatcher(IReadOnlyList<string> segments, bool lowerCase = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(segments.Count);

        var normalized = segments.Select(s => lowerCase ? s.ToLowerInvariant() : s).ToArray();
        _exact = normalized.Length == 1;
        _prefix = normalized[0];
        _suffix = normalized[^1];
        _middle = _exact ? [] : normalized[1..^1].Where(s => s.Length > 0).ToArray();
        _failure = _middle.Select(BuildFailureTable).ToArray();
        _minimumLength = _exact ? _prefix.Length : normalized.Sum(s => s.Length);
    }

    public bool IsMatch(ReadOnlySpan<char> value)
    {
        if (_exact)
        {
            return value.SequenceEqual(_prefix);
        }

        if (value.Length < _minimumLength
            || !value.StartsWith(_prefix, StringComparison.Ordinal)
            || !value.EndsWith(_suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var window = value[_prefix.Length..(value.Length - _suffix.Length)];
        for (var i = 0; i < _middle.Length; i++)
        {
            var found = IndexOf(window, _middle[i], _failure[i]);
            if (found < 0)
            {
                return false;
            }

            window = window[(found + _middle[i].Length)..];
        }

        return true;
    }

    private static int IndexOf(ReadOnlySpan<char> text, string needle, int[] failure)
    {
        var matched = 0;
        for (var i = 0; i < text.Length; i++)
        {
            while (matched > 0 && text[i] != needle[matched])
            {
                matched = failure[matched - 1];
            }

            if (text[i] == needle[matched])
            {
                matched++;
            }

            if (matched == needle.Length)
            {
                return i - needle.Length + 1;
            }
        }

        return -1;
    }

    /// <summary>Builds the KMP table: entry i is the length of the longest proper border of needle[..(i+1)].</summary>
    private static int[] BuildFailureTable(string needle)
    {
        var table = new int[needle.Length];
        var border = 0;
        for (var i = 1; i < needle.Length; i++)
        {
            while (border > 0 && needle[i] != needle[border])
            {
                border = table[border - 1];
            }

            if (needle[i] == needle[border])
            {
                border++;
            }

            table[i] = border;
        }

        return table;
    }
}
