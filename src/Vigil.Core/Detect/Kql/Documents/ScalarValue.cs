using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Documents;

/// <summary>Reads JSON scalars as the Elasticsearch field types index them.</summary>
internal static class ScalarValue
{
    /// <summary>
    /// Returns the keyword text of a scalar: strings as they are, numbers as their JSON text
    /// (<c>4624</c> → "4624"), booleans as "true"/"false"; null for objects and arrays.
    /// </summary>
    public static string? KeywordText(JsonNode value)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }

        return scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.Number => scalar.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>Returns the string of a JSON string value, or null.</summary>
    public static string? String(JsonNode value) =>
        value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : null;

    /// <summary>
    /// Reads a number or a numeric string (numeric fields coerce strings at index time). An empty
    /// string counts as no value.
    /// </summary>
    public static bool TryNumber(JsonNode value, out double number)
    {
        number = 0;
        var text = NumberText(value);
        return text is { Length: > 0 }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Reads a number or numeric string as a decimal, for the integer types.</summary>
    public static bool TryDecimal(JsonNode value, out decimal number)
    {
        number = 0;
        var text = NumberText(value);
        return text is { Length: > 0 }
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Reads <c>true</c>/<c>false</c> or their strings; the empty string is false, as for a boolean field.</summary>
    public static bool? Boolean(JsonNode value)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }

        return scalar.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => scalar.GetValue<string>() switch
            {
                "true" => true,
                "false" or "" => false,
                _ => null,
            },
            _ => null,
        };
    }

    private static string? NumberText(JsonNode value)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }

        return scalar.GetValueKind() switch
        {
            JsonValueKind.Number => scalar.ToJsonString(),
            JsonValueKind.String => scalar.GetValue<string>(),
            _ => null,
        };
    }
}
