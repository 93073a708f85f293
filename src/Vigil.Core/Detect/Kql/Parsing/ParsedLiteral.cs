namespace Vigil.Detect.Kql.Parsing;

/// <summary>
/// A literal as the grammar produced it, before it is read as a field or a value: a quoted string,
/// or the trimmed text of an unquoted literal with its wildcards.
/// </summary>
internal sealed class ParsedLiteral
{
    private readonly string _text;
    private readonly bool _quoted;
    private readonly WildcardText? _pattern;

    private ParsedLiteral(string text, bool quoted, WildcardText? pattern)
    {
        _text = text;
        _quoted = quoted;
        _pattern = pattern;
    }

    public static ParsedLiteral Quoted(string text) => new(text, true, null);

    public static ParsedLiteral Unquoted(string text) => new(text, false, null);

    public static ParsedLiteral Wildcard(WildcardText pattern) => new(pattern.ToPlainText(), false, pattern);

    /// <summary>
    /// Reads the literal as a value. Unquoted <c>true</c>, <c>false</c> and <c>null</c> (lower case) are
    /// typed; numbers stay text.
    /// </summary>
    public KqlValue ToValue()
    {
        if (_quoted)
        {
            return KqlValue.Quoted(_text);
        }

        if (_pattern is not null)
        {
            return KqlValue.Wildcard(_pattern);
        }

        return _text switch
        {
            "true" => KqlValue.Boolean(true),
            "false" => KqlValue.Boolean(false),
            "null" => KqlValue.Null,
            _ => KqlValue.Unquoted(_text),
        };
    }

    /// <summary>
    /// Reads the literal as a field. An unquoted <c>null</c> field is a null literal, which Kibana's
    /// <c>is</c> function treats as no field (free text).
    /// </summary>
    public KqlField ToField()
    {
        if (_pattern is not null)
        {
            return KqlField.Matching(_pattern);
        }

        return !_quoted && _text == "null" ? KqlField.None : KqlField.Named(_text);
    }
}
