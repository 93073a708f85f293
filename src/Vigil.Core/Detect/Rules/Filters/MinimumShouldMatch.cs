using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Detect.Rules.Filters;

/// <summary>
/// Computes a <c>bool</c> query's <c>minimum_should_match</c> from its specification and the number
/// of <c>should</c> clauses, as Elasticsearch's <c>Queries.calculateMinShouldMatch</c> does in its
/// current source, which does not cap the result at the number of clauses.
/// </summary>
/// <remarks>
/// The forms are a count (<c>3</c>), a count to leave out (<c>-1</c>), a percentage rounded down
/// (<c>75%</c>), a percentage to leave out, rounded down before it is subtracted (<c>-25%</c>), and
/// conditions such as <c>2&lt;-25% 9&lt;-3</c>, where each <c>n&lt;spec</c> applies when there are
/// more than <c>n</c> clauses and all clauses are needed below the first bound. A result below 0 is
/// 0.
/// </remarks>
internal static partial class MinimumShouldMatch
{
    /// <summary>
    /// Computes the count for <paramref name="specification"/> and <paramref name="optionalClauses"/>
    /// should clauses. Returns false when Elasticsearch fails to parse the specification.
    /// </summary>
    public static bool TryCalculate(string specification, int optionalClauses, out int count)
    {
        ArgumentNullException.ThrowIfNull(specification);

        count = 0;
        var spec = JavaTrim(specification);
        if (spec.Contains('<', StringComparison.Ordinal))
        {
            return TryConditional(spec, optionalClauses, out count);
        }

        int result;
        if (spec.Contains('%', StringComparison.Ordinal))
        {
            // Elasticsearch drops the last character, assumed to be '%', so "50%x" fails to parse.
            if (!TryParseJavaInt(spec[..^1], out var percent))
            {
                return false;
            }

            // Single-precision arithmetic, as in Elasticsearch, so rounding matches at the edges.
            var calculated = optionalClauses * percent * (1 / 100f);
            result = calculated < 0 ? optionalClauses + (int)calculated : (int)calculated;
        }
        else
        {
            if (!TryParseJavaInt(spec, out var number))
            {
                return false;
            }

            result = number < 0 ? optionalClauses + number : number;
        }

        count = Math.Max(result, 0);
        return true;
    }

    /// <summary>Computes a list of <c>n&lt;spec</c> conditions, read left to right.</summary>
    private static bool TryConditional(string spec, int optionalClauses, out int count)
    {
        count = optionalClauses;
        var normalized = SpaceAroundLessThan().Replace(spec, "<");
        foreach (var condition in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = condition.Split('<');
            if (parts.Length != 2 || !TryParseJavaInt(parts[0], out var upperBound))
            {
                return false;
            }

            if (optionalClauses <= upperBound)
            {
                return true;
            }

            if (!TryCalculate(parts[1], optionalClauses, out count))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses as Java's <c>Integer.parseInt</c> does: an optional sign, then ASCII digits.</summary>
    private static bool TryParseJavaInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Removes leading and trailing characters up to U+0020, as Java's <c>String.trim</c> does.</summary>
    private static string JavaTrim(string text) => text.Trim(JavaWhitespace);

    // Java's \s, which is ASCII whitespace only.
    [GeneratedRegex(@"[ \t\n\x0B\f\r]*<[ \t\n\x0B\f\r]*", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceAroundLessThan();

    private static readonly char[] JavaWhitespace = [.. Enumerable.Range(0, 0x21).Select(code => (char)code)];
}
