using System.Globalization;
using System.Text;
using Vigil.Detect.Kql.Parsing;

namespace Vigil.Detect.Kql;

/// <summary>
/// Writes a KQL AST back as query text that Kibana's grammar parses to the same AST. Nested and/or
/// operands and compound <c>not</c> operands get parentheses, and unquoted literals get every escape
/// they need.
/// </summary>
internal static class KqlQueryPrinter
{
    /// <summary>Characters that end an unquoted literal unless escaped with a backslash.</summary>
    private const string SpecialCharacters = "\\():<>\"*{}";

    private static readonly string[] Keywords = ["and", "or", "not"];

    public static string Print(KqlNode node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, KqlNode node)
    {
        switch (node)
        {
            case KqlAnd and:
                AppendList(builder, " and ", and.Operands, operand => operand is KqlAnd or KqlOr);
                break;
            case KqlOr or:
                AppendList(builder, " or ", or.Operands, operand => operand is KqlOr);
                break;
            case KqlNot not:
                builder.Append("not ");
                AppendOperand(builder, not.Operand, not.Operand is KqlAnd or KqlOr or KqlNot);
                break;
            case KqlNested nested:
                AppendField(builder, nested.Path);
                builder.Append(":{ ");
                Append(builder, nested.Query);
                builder.Append(" }");
                break;
            case KqlIs isNode:
                AppendFieldPrefix(builder, isNode.Field, ":");
                AppendValue(builder, isNode.Value);
                break;
            case KqlExists exists:
                AppendFieldPrefix(builder, exists.Field, ":");
                builder.Append('*');
                break;
            case KqlRange range:
                AppendField(builder, range.Field);
                builder.Append(' ').Append(OperatorText(range.Operator)).Append(' ');
                AppendValue(builder, range.Value);
                break;
            default:
                builder.Append("*:*");
                break;
        }
    }

    /// <summary>
    /// Writes and/or operands. An and inside an or needs no parentheses because and binds tighter, and
    /// leaving them out keeps the printed text as deeply nested as the parsed text, within the parser's limit.
    /// </summary>
    private static void AppendList(StringBuilder builder, string separator, IReadOnlyList<KqlNode> operands, Func<KqlNode, bool> parenthesize)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }

            AppendOperand(builder, operands[i], parenthesize(operands[i]));
        }
    }

    private static void AppendOperand(StringBuilder builder, KqlNode operand, bool parenthesize)
    {
        builder.Append(parenthesize ? "(" : "");
        Append(builder, operand);
        builder.Append(parenthesize ? ")" : "");
    }

    private static void AppendFieldPrefix(StringBuilder builder, KqlField field, string separator)
    {
        if (!field.IsNone)
        {
            AppendField(builder, field);
            builder.Append(separator);
        }
    }

    /// <summary>
    /// Writes a field name. A name that unquoted text cannot carry (empty, <c>null</c>, or with whitespace
    /// that trimming would drop) is quoted, which still reads as a plain name.
    /// </summary>
    private static void AppendField(StringBuilder builder, KqlField field)
    {
        if (field.Pattern is { } pattern)
        {
            AppendPattern(builder, pattern);
        }
        else if (NeedsQuotes(field.Name!) || field.Name == "null")
        {
            AppendQuoted(builder, field.Name!);
        }
        else
        {
            AppendUnquoted(builder, field.Name!);
        }
    }

    private static void AppendValue(StringBuilder builder, KqlValue value)
    {
        switch (value.Kind)
        {
            case KqlValueKind.Quoted:
                AppendQuoted(builder, value.Text);
                break;
            case KqlValueKind.Wildcard:
                AppendPattern(builder, value.Pattern!);
                break;
            case KqlValueKind.Text when NeedsQuotes(value.Text) || value.Text is "true" or "false" or "null":
                throw new ArgumentException($"The unquoted value `{value.Text}` has no KQL spelling, because the grammar trims or types it.", nameof(value));
            default:
                AppendUnquoted(builder, value.Text);
                break;
        }
    }

    private static void AppendPattern(StringBuilder builder, WildcardText pattern)
    {
        for (var i = 0; i < pattern.Segments.Count; i++)
        {
            builder.Append(i > 0 ? "*" : "");
            AppendUnquoted(builder, pattern.Segments[i]);
        }
    }

    private static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }

        builder.Append('"');
    }

    /// <summary>
    /// Writes unquoted text: specials get a backslash, tab and line breaks their escapes, and a keyword
    /// that starts a word has its first letter as a <c>\uXXXX</c> escape. A backslash before a keyword
    /// would not do, because <c>\n</c> of <c>\not</c> is an escaped line feed.
    /// </summary>
    private static void AppendUnquoted(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (StartsKeyword(text, i))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else if (SpecialCharacters.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\').Append(c);
            }
            else
            {
                builder.Append(c switch { '\t' => "\\t", '\n' => "\\n", '\r' => "\\r", _ => c.ToString() });
            }
        }
    }

    private static bool StartsKeyword(string text, int index) =>
        (index == 0 || KqlWhitespace.IsSpace(text[index - 1]))
        && Keywords.Any(keyword => text.AsSpan(index).StartsWith(keyword, StringComparison.OrdinalIgnoreCase));

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || KqlWhitespace.IsJavaScriptTrimmed(text[0]) || KqlWhitespace.IsJavaScriptTrimmed(text[^1]);

    private static string OperatorText(KqlRangeOperator op) => op switch
    {
        KqlRangeOperator.GreaterThan => ">",
        KqlRangeOperator.GreaterThanOrEqual => ">=",
        KqlRangeOperator.LessThan => "<",
        _ => "<=",
    };
}
