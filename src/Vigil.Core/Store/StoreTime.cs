namespace Vigil.Store;

/// <summary>Converts between <see cref="DateTimeOffset"/> and the store's Unix epoch milliseconds.</summary>
internal static class StoreTime
{
    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>Rounds up, so an inclusive lower bound with sub-millisecond ticks excludes the millisecond before it.</summary>
    public static long ToMillisecondsCeiling(DateTimeOffset time)
    {
        var floor = time.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(floor) < time ? floor + 1 : floor;
    }

    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
