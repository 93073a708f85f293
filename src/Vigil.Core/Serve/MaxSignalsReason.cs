using System.Globalization;
using Vigil.Alert;

namespace Vigil.Serve;

/// <summary>The reason text of a range that <c>max_signals</c> left without alerts.</summary>
internal static class MaxSignalsReason
{
    private const string CountSeparator = ": ";

    public static string Create(int maxSignals, DateTimeOffset reachedAt, long notAlerted) => string.Create(
        CultureInfo.InvariantCulture,
        $"max_signals ({maxSignals}) reached at {KibanaTime.Format(reachedAt)}{CountSeparator}{Count(notAlerted)}");

    /// <summary>
    /// Replaces the count at the end of <paramref name="reason"/>, which <see cref="Create"/> wrote
    /// (the time before it contains colons but no colon followed by a space).
    /// </summary>
    public static string WithCount(string reason, long notAlerted)
    {
        var end = reason.LastIndexOf(CountSeparator, StringComparison.Ordinal);
        return end < 0 ? reason : reason[..end] + CountSeparator + Count(notAlerted);
    }

    private static string Count(long notAlerted) => string.Create(
        CultureInfo.InvariantCulture,
        $"{notAlerted} {(notAlerted == 1 ? "match was" : "matches were")} not alerted");
}
