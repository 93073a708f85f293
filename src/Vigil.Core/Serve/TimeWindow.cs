using Vigil.Alert;

namespace Vigil.Serve;

/// <summary>
/// A time range a rule searches, with both ends inclusive as in Kibana's range query
/// (<c>gte</c> from, <c>lte</c> to), at millisecond precision.
/// </summary>
/// <param name="From">The first instant in the range.</param>
/// <param name="To">The last instant in the range.</param>
public readonly record struct TimeWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The start as Unix epoch milliseconds.</summary>
    public long FromMs => From.ToUnixTimeMilliseconds();

    /// <summary>The end as Unix epoch milliseconds.</summary>
    public long ToMs => To.ToUnixTimeMilliseconds();

    /// <summary>The window from <paramref name="fromMs"/> to <paramref name="toMs"/>, both Unix epoch milliseconds.</summary>
    public static TimeWindow FromMilliseconds(long fromMs, long toMs) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(fromMs), DateTimeOffset.FromUnixTimeMilliseconds(toMs));

    /// <summary>The window moved by <paramref name="offset"/>.</summary>
    public TimeWindow Shift(TimeSpan offset) => new(From + offset, To + offset);

    /// <inheritdoc/>
    public override string ToString() => $"[{KibanaTime.Format(From)}, {KibanaTime.Format(To)}]";
}
