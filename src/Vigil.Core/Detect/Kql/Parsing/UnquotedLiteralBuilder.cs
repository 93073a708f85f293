using System.Text;

namespace Vigil.Detect.Kql.Parsing;

/// <summary>
/// Collects the characters and wildcards of an unquoted literal, then trims it as Kibana does
/// (JavaScript <c>trim</c> over the whole literal).
/// </summary>
internal sealed class UnquotedLiteralBuilder
{
    private readonly List<string> _segments = [];
    private readonly StringBuilder _current = new();
    private bool _isEmpty = true;

    public bool IsEmpty => _isEmpty;

    public void Append(char c)
    {
        _current.Append(c);
        _isEmpty = false;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        _current.Append(text);
        _isEmpty = false;
    }

    public void AppendWildcard()
    {
        _segments.Add(_current.ToString());
        _current.Clear();
        _isEmpty = false;
    }

    public ParsedLiteral Build()
    {
        var segments = new List<string>(_segments) { _current.ToString() };
        segments[0] = TrimStart(segments[0]);
        segments[^1] = TrimEnd(segments[^1]);
        return segments.Count == 1
            ? ParsedLiteral.Unquoted(segments[0])
            : ParsedLiteral.Wildcard(new WildcardText(segments));
    }

    private static string TrimStart(string text)
    {
        var start = 0;
        while (start < text.Length && KqlWhitespace.IsJavaScriptTrimmed(text[start]))
        {
            start++;
        }

        return text[start..];
    }

    private static string TrimEnd(string text)
    {
        var end = text.Length;
        while (end > 0 && KqlWhitespace.IsJavaScriptTrimmed(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }
}
