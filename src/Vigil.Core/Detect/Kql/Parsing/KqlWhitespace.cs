namespace Vigil.Detect.Kql.Parsing;

/// <summary>The two whitespace sets Kibana's KQL grammar uses.</summary>
internal static class KqlWhitespace
{
    /// <summary>The grammar's <c>Space</c> rule: space, tab, CR, LF and no-break space.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\u00A0';

    /// <summary>
    /// Characters JavaScript's <c>String.prototype.trim</c> removes (ECMAScript WhiteSpace and
    /// LineTerminator), which Kibana applies to every unquoted literal.
    /// </summary>
    public static bool IsJavaScriptTrimmed(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202F' or '\u205F' or '\u3000' or '\uFEFF'
        || (c >= '\u2000' && c <= '\u200A');
}
