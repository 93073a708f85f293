using System.Text;

namespace Vigil.Detect.Kql.Dsl;

/// <summary>
/// Kibana's <c>escapeQueryString</c> and wildcard <c>toQueryStringQuery</c>: each literal segment gets a
/// backslash before every Lucene query-string special character, and the segments are joined with
/// <c>*</c>. Whitespace is not escaped, so query_string still splits the value into terms.
/// </summary>
internal static class QueryStringEscaper
{
    private const string Specials = "+-=&|><!(){}[]^\"~*?:\\/";

    public static string ToQueryString(WildcardText pattern) => string.Join('*', pattern.Segments.Select(Escape));

    public static string Escape(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        foreach (var c in segment)
        {
            if (Specials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
