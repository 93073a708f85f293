using System.Globalization;
using System.Text.RegularExpressions;
using Tomlyn;

namespace Vigil.Detect.Rules;

/// <summary>
/// Reads the dates of a <c>[metadata]</c> table. Detection-rules requires each as a string matching
/// <c>^\d{4}/\d{2}/\d{2}$</c> (its <c>Date</c> type), and the revision order compares
/// <c>updated_date</c>, so a date that is no calendar day is rejected too.
/// </summary>
internal static partial class MetadataDates
{
    /// <summary>The form of a metadata date, as .NET date format.</summary>
    public const string Format = "yyyy/MM/dd";

    /// <summary>Returns the date at <paramref name="key"/> as written, or null when it is missing or invalid; an invalid one is an error.</summary>
    public static string? Read(TomlTableReader metadata, string key)
    {
        var value = metadata.Value(key);
        if (value is null)
        {
            return null;
        }

        if (value is string text && IsValid(text))
        {
            return text;
        }

        metadata.Invalid(key, value, Expectation(value));
        return null;
    }

    /// <summary>True when <paramref name="text"/> is <c>YYYY/MM/DD</c> and names a calendar day.</summary>
    public static bool IsValid(string text) =>
        DatePattern().IsMatch(text)
        && DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string Expectation(object value)
    {
        if (value is TomlDateTime date)
        {
            var day = date.DateTime.ToString(Format, CultureInfo.InvariantCulture);
            return $"an unquoted TOML date is not a string; write it as YYYY/MM/DD in quotes, such as \"{day}\"";
        }

        var reason = value is string text && DatePattern().IsMatch(text) ? "no such calendar day; " : "";
        return $"{reason}expected a date as YYYY/MM/DD in quotes, such as \"2024/05/17\", the form detection-rules requires";
    }

    [GeneratedRegex(@"^[0-9]{4}/[0-9]{2}/[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
