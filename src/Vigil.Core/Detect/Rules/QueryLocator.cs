using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Vigil.Detect.Rules;

/// <summary>
/// Maps an offset in a rule's query text to the line and column of the rule file that contains it,
/// so query errors and lint findings point into the file.
/// </summary>
internal sealed class QueryLocator
{
    private readonly string _text;
    private readonly int _contentStart;
    private readonly bool _escapes;

    private QueryLocator(string text, int contentStart, bool escapes)
    {
        _text = text;
        _contentStart = contentStart;
        _escapes = escapes;
    }

    /// <summary>Returns a locator for the <c>query</c> key of the <c>[rule]</c> table of a TOML text, or null.</summary>
    public static QueryLocator? ForToml(string text)
    {
        var document = SyntaxParser.Parse(text, "", validate: false);
        var table = document.Tables.FirstOrDefault(table => table.Name?.ToString().Trim() == "rule");
        var query = table?.Items.FirstOrDefault(item => item.Key?.ToString().Trim() == "query");
        if (query?.Value is null)
        {
            return null;
        }

        return FromStringStart(text, query.Value.Span.Start.Offset);
    }

    /// <summary>Returns a locator for query text that starts at <paramref name="offset"/> of <paramref name="text"/>, unescaped.</summary>
    public static QueryLocator Verbatim(string text, int offset) => new(text, offset, escapes: false);

    /// <summary>Returns the 1-based line and column of query offset <paramref name="queryOffset"/>.</summary>
    public (int Line, int Column) Locate(int queryOffset)
    {
        var offset = Math.Min(_text.Length, RawOffset(Math.Max(0, queryOffset)));
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static QueryLocator FromStringStart(string text, int valueStart)
    {
        var rest = text.AsSpan(valueStart);
        var multiLine = rest.StartsWith("'''") || rest.StartsWith("\"\"\"");
        var start = valueStart + (multiLine ? 3 : 1);
        if (multiLine)
        {
            start += LeadingNewlineLength(text, start);
        }

        return new QueryLocator(text, start, escapes: rest.Length > 0 && rest[0] == '"');
    }

    /// <summary>TOML drops a newline right after the opening delimiter of a multi-line string.</summary>
    private static int LeadingNewlineLength(string text, int start) =>
        text.AsSpan(start).StartsWith("\r\n") ? 2 : text.AsSpan(start).StartsWith("\n") ? 1 : 0;

    /// <summary>Walks the raw string, counting an escape sequence as the one character it stands for.</summary>
    private int RawOffset(int queryOffset)
    {
        if (!_escapes)
        {
            return _contentStart + queryOffset;
        }

        var raw = _contentStart;
        for (var decoded = 0; decoded < queryOffset && raw < _text.Length; decoded++)
        {
            raw += _text[raw] != '\\' || raw + 1 >= _text.Length ? 1 : EscapeLength(_text[raw + 1]);
        }

        return raw;
    }

    private static int EscapeLength(char kind) => kind switch
    {
        'u' => 6,
        'U' => 10,
        _ => 2,
    };
}
