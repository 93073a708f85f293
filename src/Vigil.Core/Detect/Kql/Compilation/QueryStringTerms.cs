using System.Text;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// Splits a wildcard value the way Lucene's classic query parser splits the query_string Kibana
/// builds from it: Kibana escapes every Lucene operator character but not whitespace, so each
/// whitespace-separated run becomes its own term, and the terms are OR-ed. So <c>*S3 Browser*</c>
/// becomes the terms <c>*S3</c> and <c>Browser*</c>.
/// </summary>
internal static class QueryStringTerms
{
    /// <summary>Returns each term as its wildcard segments; a one-segment term has no wildcard.</summary>
    public static List<List<string>> Split(WildcardText pattern)
    {
        var terms = new List<List<string>>();
        var segments = new List<string>();
        var current = new StringBuilder();
        var termHasContent = false;

        for (var i = 0; i < pattern.Segments.Count; i++)
        {
            if (i > 0)
            {
                segments.Add(current.ToString());
                current.Clear();
                termHasContent = true;
            }

            foreach (var c in pattern.Segments[i])
            {
                if (IsLuceneWhitespace(c))
                {
                    EndTerm(terms, segments, current, ref termHasContent);
                }
                else
                {
                    current.Append(c);
                    termHasContent = true;
                }
            }
        }

        EndTerm(terms, segments, current, ref termHasContent);
        return terms;
    }

    private static void EndTerm(List<List<string>> terms, List<string> segments, StringBuilder current, ref bool termHasContent)
    {
        if (termHasContent)
        {
            segments.Add(current.ToString());
            terms.Add([.. segments]);
        }

        segments.Clear();
        current.Clear();
        termHasContent = false;
    }

    private static bool IsLuceneWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\u3000';
}
