namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// Orders strings by their UTF-8 bytes, as Lucene orders keyword terms. This equals code point order,
/// which differs from UTF-16 ordinal order only when a surrogate pair meets a character in
/// U+E000–U+FFFF.
/// </summary>
internal static class Utf8Order
{
    public static int Compare(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a != b)
            {
                return Weight(a).CompareTo(Weight(b));
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    /// <summary>Moves surrogates above the rest of the BMP so that code-unit order becomes code-point order.</summary>
    private static int Weight(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;
}
