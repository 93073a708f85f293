using System.Globalization;
using System.Text;

namespace Vigil.Detect.Kql;

/// <summary>
/// Writes the canonical s-expression of a KQL AST: <c>(is F V)</c>, <c>(exists F)</c>,
/// <c>(range F gt|gte|lt|lte V)</c>, <c>(nested F Q)</c>, <c>(and Q…)</c>, <c>(or Q…)</c>, <c>(not Q)</c>,
/// <c>(match_all)</c>. F is <c>"name"</c>, <c>w"pattern"</c> or <c>_</c>; V is <c>"text"</c>,
/// <c>q"quoted"</c>, <c>w"pattern"</c>, <c>true</c>, <c>false</c> or <c>null</c>. Strings use JSON escaping.
/// </summary>
internal static class KqlAstPrinter
{
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
            case KqlIs isNode:
                builder.Append("(is ");
                AppendField(builder, isNode.Field);
                builder.Append(' ');
                AppendValue(builder, isNode.Value);
                builder.Append(')');
                break;

            case KqlExists exists:
                builder.Append("(exists ");
                AppendField(builder, exists.Field);
                builder.Append(')');
                break;

            case KqlRange range:
                builder.Append("(range ");
                AppendField(builder, range.Field);
                builder.Append(' ').Append(OperatorName(range.Operator)).Append(' ');
                AppendValue(builder, range.Value);
                builder.Append(')');
                break;

            case KqlNested nested:
                builder.Append("(nested ");
                AppendField(builder, nested.Path);
                builder.Append(' ');
                Append(builder, nested.Query);
                builder.Append(')');
                break;

            case KqlAnd and:
                AppendList(builder, "and", and.Operands);
                break;

            case KqlOr or:
                AppendList(builder, "or", or.Operands);
                break;

            case KqlNot not:
                builder.Append("(not ");
                Append(builder, not.Operand);
                builder.Append(')');
                break;

            default:
                builder.Append("(match_all)");
                break;
        }
    }

    private static void AppendList(StringBuilder builder, string name, IReadOnlyList<KqlNode> operands)
    {
        builder.Append('(').Append(name);
        foreach (var operand in operands)
        {
            builder.Append(' ');
            Append(builder, operand);
        }

        builder.Append(')');
    }

    private static void AppendField(StringBuilder builder, KqlField field)
    {
        if (field.Pattern is { } pattern)
        {
            builder.Append('w');
            AppendJsonString(builder, pattern.ToEscapedText());
        }
        else if (field.Name is { } name)
        {
            AppendJsonString(builder, name);
        }
        else
        {
            builder.Append('_');
        }
    }

    private static void AppendValue(StringBuilder builder, KqlValue value)
    {
        switch (value.Kind)
        {
            case KqlValueKind.Quoted:
                builder.Append('q');
                AppendJsonString(builder, value.Text);
                break;

            case KqlValueKind.Wildcard:
                builder.Append('w');
                AppendJsonString(builder, value.Pattern!.ToEscapedText());
                break;

            case KqlValueKind.Text:
                AppendJsonString(builder, value.Text);
                break;

            default:
                builder.Append(value.Text);
                break;
        }
    }

    private static string OperatorName(KqlRangeOperator op) => op switch
    {
        KqlRangeOperator.GreaterThan => "gt",
        KqlRangeOperator.GreaterThanOrEqual => "gte",
        KqlRangeOperator.LessThan => "lt",
        _ => "lte",
    };

    /// <summary>Appends <paramref name="text"/> quoted the way JavaScript's <c>JSON.stringify</c> does.</summary>
    private static void AppendJsonString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
