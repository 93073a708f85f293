using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Renders JSON the way Java's <c>toString()</c> renders the maps and lists Elasticsearch parses
/// it into: <c>{k1=v1, k2=v2}</c>, <c>[a, b]</c>, strings raw, integers as digits, fractions and
/// exponents as Java <c>Double.toString</c>.
/// </summary>
/// <remarks>Object keys are written in their current order; callers put them in Java order first.</remarks>
internal static class JavaText
{
    public static string Render(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            return Scalar(value);
        }

        // Each record renders up to four payloads, so each thread reuses one builder.
        var text = t_text ??= new StringBuilder();
        text.Clear();
        Append(text, node);
        var rendered = text.ToString();
        if (text.Capacity > MaxCapacityKept)
        {
            t_text = null;
        }

        return rendered;
    }

    private const int MaxCapacityKept = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_text;

    private static void Append(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;

            case JsonObject obj:
                AppendObject(text, obj);
                break;

            case JsonArray array:
                AppendArray(text, array);
                break;

            default:
                text.Append(Scalar(node.AsValue()));
                break;
        }
    }

    private static void AppendObject(StringBuilder text, JsonObject obj)
    {
        text.Append('{');
        var first = true;
        foreach (var (key, value) in obj)
        {
            text.Append(first ? "" : ", ").Append(key).Append('=');
            Append(text, value);
            first = false;
        }

        text.Append('}');
    }

    private static void AppendArray(StringBuilder text, JsonArray array)
    {
        text.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ");
            Append(text, array[i]);
        }

        text.Append(']');
    }

    /// <summary>Returns a scalar's Java text: a string raw, <c>true</c>/<c>false</c>, or a number.</summary>
    public static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => Number(value.ToJsonString()),
        _ => "null",
    };

    /// <summary>Returns the Java text of a JSON number: integers as Jackson reads them, others as a double.</summary>
    public static string Number(string json)
    {
        if (json.AsSpan().IndexOfAny(".eE") < 0 && BigInteger.TryParse(json, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        return JavaDouble.Format(double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
