namespace Vigil.Detect.Rules.Lint;

/// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
internal static class EditDistance
{
    /// <summary>Returns the candidates within a distance of a third of the value's length (at least 1), nearest first.</summary>
    public static IReadOnlyList<string> Nearest(string value, IEnumerable<string> candidates, int count = 3)
    {
        var limit = Math.Max(1, value.Length / 3);
        return candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(value, candidate, limit)))
            .Where(pair => pair.Distance <= limit)
            .OrderBy(pair => pair.Distance)
            .ThenBy(pair => pair.Candidate, StringComparer.Ordinal)
            .Select(pair => pair.Candidate)
            .Distinct(StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    /// <summary>Returns the distance, or <paramref name="limit"/> + 1 as soon as it must exceed the limit.</summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
