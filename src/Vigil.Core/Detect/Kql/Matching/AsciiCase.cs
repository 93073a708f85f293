namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// Comparisons that ignore the case of ASCII letters only, as the <c>case_insensitive</c> option of
/// Elasticsearch's term, prefix and wildcard queries does. Its <c>AutomatonQueries</c> adds the
/// other case for code points up to 128 and leaves every other code point as it is.
/// </summary>
internal static class AsciiCase
{
    /// <summary>Returns <paramref name="c"/> with an ASCII upper-case letter made lower-case.</summary>
    public static char ToLower(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;

    /// <summary>Returns <paramref name="text"/> with its ASCII upper-case letters made lower-case.</summary>
    public static string ToLower(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (target, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = ToLower(source[i]);
            }
        });
    }

    public static bool Equals(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i] && ToLower(left[i]) != ToLower(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool StartsWith(ReadOnlySpan<char> text, ReadOnlySpan<char> prefix) =>
        text.Length >= prefix.Length && Equals(text[..prefix.Length], prefix);
}

/// <summary>Compares strings as <see cref="AsciiCase.Equals(ReadOnlySpan{char}, ReadOnlySpan{char})"/> does.</summary>
internal sealed class AsciiCaseComparer : IEqualityComparer<string>
{
    public static AsciiCaseComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => x is null || y is null ? ReferenceEquals(x, y) : AsciiCase.Equals(x, y);

    public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(AsciiCase.ToLower(obj));
}
