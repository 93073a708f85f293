namespace Vigil.Detect;

/// <summary>Puts "a" or "an" before a type or query name in a message, as in "an ip field" and "an ids query".</summary>
internal static class IndefiniteArticle
{
    /// <summary>
    /// Returns <paramref name="word"/> after "an" when it starts with a vowel letter, else after
    /// "a". The names it gets (Elasticsearch field and query types) are read letter by letter or
    /// as spelled, so the first letter decides.
    /// </summary>
    public static string With(string word) =>
        (word.Length > 0 && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an " : "a ") + word;
}
