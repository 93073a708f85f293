namespace Vigil.Detect.Kql;

/// <summary>The kind of a KQL value literal.</summary>
public enum KqlValueKind
{
    /// <summary>Unquoted text without wildcards (numbers stay text: <c>070</c>).</summary>
    Text,

    /// <summary>A double-quoted string: a phrase, in which <c>*</c> is literal.</summary>
    Quoted,

    /// <summary>Unquoted text containing at least one unescaped <c>*</c>.</summary>
    Wildcard,

    /// <summary>Unquoted <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Unquoted <c>null</c>.</summary>
    Null,
}

/// <summary>A value literal of a KQL expression.</summary>
public sealed record KqlValue
{
    private KqlValue(KqlValueKind kind, string text, WildcardText? pattern)
    {
        Kind = kind;
        Text = text;
        Pattern = pattern;
    }

    /// <summary>The kind of literal.</summary>
    public KqlValueKind Kind { get; }

    /// <summary>
    /// The value as text: <c>true</c>, <c>false</c> and <c>null</c> for those literals; for a wildcard,
    /// the pattern with every star (wildcard or literal) written as <c>*</c>, as Kibana sends it in a range.
    /// </summary>
    public string Text { get; }

    /// <summary>The wildcard pattern, for <see cref="KqlValueKind.Wildcard"/> only.</summary>
    public WildcardText? Pattern { get; }

    /// <summary>True for a lone <c>*</c>, which Kibana turns into an exists query.</summary>
    public bool IsLoneWildcard => Pattern?.IsLoneWildcard == true;

    /// <summary>Creates an unquoted text value.</summary>
    public static KqlValue Unquoted(string text) => new(KqlValueKind.Text, text, null);

    /// <summary>Creates a quoted (phrase) value.</summary>
    public static KqlValue Quoted(string text) => new(KqlValueKind.Quoted, text, null);

    /// <summary>Creates a wildcard value.</summary>
    public static KqlValue Wildcard(WildcardText pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new KqlValue(KqlValueKind.Wildcard, pattern.ToPlainText(), pattern);
    }

    /// <summary>Creates a boolean value.</summary>
    public static KqlValue Boolean(bool value) => new(KqlValueKind.Boolean, value ? "true" : "false", null);

    /// <summary>The <c>null</c> literal.</summary>
    public static KqlValue Null { get; } = new(KqlValueKind.Null, "null", null);
}
