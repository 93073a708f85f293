namespace Vigil.Detect.Rules;

/// <summary>Matches text against a pattern where <c>*</c> stands for any run of characters (Elasticsearch's <c>simpleMatch</c>).</summary>
internal static class Wildcard
{
    /// <summary>
    /// Returns true when <paramref name="text"/> matches <paramref name="pattern"/> case-sensitively.
    /// </summary>
    /// <remarks>
    /// The literal pieces between stars are found left to right, each at its first occurrence
    /// after the previous one. Taking the first occurrence never loses a match when <c>*</c> is the
    /// only wildcard, because a later piece can only gain room, so no backtracking is needed. The cost is at most proportional to the text length
    /// times the pattern length, which is linear in the text for a given pattern.
    /// </remarks>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var firstStar = pattern.IndexOf('*');
        if (firstStar < 0)
        {
            return pattern.SequenceEqual(text);
        }

        var lastStar = pattern.LastIndexOf('*');
        var prefix = pattern[..firstStar];
        var suffix = pattern[(lastStar + 1)..];
        if (prefix.Length + suffix.Length > text.Length || !text.StartsWith(prefix) || !text.EndsWith(suffix))
        {
            return false;
        }

        var middle = text[prefix.Length..^suffix.Length];
        var pieces = firstStar == lastStar ? [] : pattern[(firstStar + 1)..lastStar];
        return ContainsInOrder(pieces, middle);
    }

    private static bool ContainsInOrder(ReadOnlySpan<char> pieces, ReadOnlySpan<char> text)
    {
        while (!pieces.IsEmpty)
        {
            var star = pieces.IndexOf('*');
            var piece = star < 0 ? pieces : pieces[..star];
            pieces = star < 0 ? [] : pieces[(star + 1)..];
            if (piece.IsEmpty)
            {
                continue;
            }

            var at = text.IndexOf(piece, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            text = text[(at + piece.Length)..];
        }

        return true;
    }
}
