namespace Vigil.Serve;

/// <summary>
/// The time ranges one rule has searched, on the rule's own time axis, as a sorted list of disjoint
/// inclusive millisecond ranges. Touching and overlapping ranges are merged, so the list stays as
/// short as the number of holes in it.
/// </summary>
internal sealed class CoverageLedger
{
    private readonly List<(long From, long To)> _ranges;

    public CoverageLedger(IEnumerable<(long From, long To)>? ranges = null)
    {
        _ranges = [];
        foreach (var range in ranges ?? [])
        {
            Add(range.From, range.To);
        }
    }

    public IReadOnlyList<(long From, long To)> Ranges => _ranges;

    /// <summary>The earliest covered instant; null when nothing was searched yet.</summary>
    public long? Start => _ranges.Count == 0 ? null : _ranges[0].From;

    public void Add(TimeWindow window) => Add(window.FromMs, window.ToMs);

    public void Add(long from, long to)
    {
        if (to < from)
        {
            return;
        }

        var index = _ranges.FindIndex(r => r.To >= from - 1);
        if (index < 0)
        {
            _ranges.Add((from, to));
            return;
        }

        var last = index;
        while (last < _ranges.Count && _ranges[last].From <= to + 1)
        {
            from = Math.Min(from, _ranges[last].From);
            to = Math.Max(to, _ranges[last].To);
            last++;
        }

        _ranges.RemoveRange(index, last - index);
        _ranges.Insert(index, (from, to));
    }

    public bool Covers(long instant)
    {
        var index = _ranges.FindIndex(r => r.To >= instant);
        return index >= 0 && _ranges[index].From <= instant;
    }

    /// <summary>Returns the parts of [<paramref name="from"/>, <paramref name="to"/>] no search has covered, oldest first.</summary>
    public IReadOnlyList<TimeWindow> Uncovered(long from, long to)
    {
        var holes = new List<TimeWindow>();
        var next = from;
        foreach (var (start, end) in _ranges)
        {
            if (end < next)
            {
                continue;
            }

            if (start > to)
            {
                break;
            }

            if (start > next)
            {
                holes.Add(TimeWindow.FromMilliseconds(next, start - 1));
            }

            next = end + 1;
        }

        if (next <= to)
        {
            holes.Add(TimeWindow.FromMilliseconds(next, to));
        }

        return holes;
    }

    /// <summary>Forgets coverage before <paramref name="instant"/>, which retention has deleted anyway.</summary>
    public void TrimBefore(long instant)
    {
        _ranges.RemoveAll(r => r.To < instant);
        if (_ranges.Count > 0 && _ranges[0].From < instant)
        {
            _ranges[0] = (instant, _ranges[0].To);
        }
    }

    /// <summary>Splits <paramref name="window"/> into consecutive disjoint pieces of at most <paramref name="size"/>.</summary>
    public static IEnumerable<TimeWindow> Chunks(TimeWindow window, TimeSpan size)
    {
        var step = (long)size.TotalMilliseconds;
        for (var start = window.FromMs; start <= window.ToMs; start += step)
        {
            yield return TimeWindow.FromMilliseconds(start, Math.Min(start + step - 1, window.ToMs));
        }
    }
}
