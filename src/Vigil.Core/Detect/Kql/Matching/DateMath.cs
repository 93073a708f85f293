using System.Globalization;

namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// A date bound from a query: a fixed instant, or Elasticsearch date math (<c>now-5m</c>, <c>now/d</c>,
/// <c>2024-01-15||+1M/d</c>) that is resolved against the clock at evaluation time. Rounding
/// (<c>/unit</c>) goes to the start of the unit, or to its last millisecond when rounding up.
/// </summary>
internal sealed class DateMath
{
    private static readonly long MinMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly long? _fixed;
    private readonly long? _anchor;
    private readonly List<(char Op, int Amount, char Unit)> _operations;
    private readonly bool _roundUp;

    private DateMath(long? fixedMillis, long? anchor, List<(char Op, int Amount, char Unit)> operations, bool roundUp)
    {
        _fixed = fixedMillis;
        _anchor = anchor;
        _operations = operations;
        _roundUp = roundUp;
    }

    /// <summary>True when the bound depends on the clock.</summary>
    public bool UsesNow => _fixed is null && _anchor is null;

    public static bool TryParse(string text, bool roundUp, out DateMath? bound)
    {
        bound = null;
        long? anchor = null;
        string math;
        if (text.StartsWith("now", StringComparison.Ordinal))
        {
            math = text[3..];
        }
        else
        {
            var separator = text.IndexOf("||", StringComparison.Ordinal);
            if (separator < 0)
            {
                if (!EsDate.TryParse(text, roundUp, out var millis))
                {
                    return false;
                }

                bound = new DateMath(millis, null, [], roundUp);
                return true;
            }

            if (!EsDate.TryParse(text[..separator], roundUp: false, out var anchorMillis))
            {
                return false;
            }

            anchor = anchorMillis;
            math = text[(separator + 2)..];
        }

        if (!TryParseOperations(math, out var operations))
        {
            return false;
        }

        bound = new DateMath(null, anchor, operations, roundUp);
        return true;
    }

    public long Resolve(TimeProvider clock)
    {
        if (_fixed is { } fixedMillis)
        {
            return fixedMillis;
        }

        // An anchor date that its offset moved just outside the years 1 to 9999 starts at the nearest end.
        var start = Math.Clamp(_anchor ?? clock.GetUtcNow().ToUnixTimeMilliseconds(), MinMillis, MaxMillis);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(start);
        try
        {
            foreach (var (op, amount, unit) in _operations)
            {
                time = op == '/' ? Round(time, unit) : Add(time, op == '+' ? amount : -amount, unit);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // Date math past year 1 or 9999 saturates instead of failing the evaluation.
            return _operations.Any(o => o.Op == '+') ? DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() : DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        }

        return time.ToUnixTimeMilliseconds();
    }

    private DateTimeOffset Round(DateTimeOffset time, char unit)
    {
        var start = unit switch
        {
            'y' => new DateTimeOffset(time.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
            'M' => new DateTimeOffset(time.Year, time.Month, 1, 0, 0, 0, TimeSpan.Zero),
            'w' => new DateTimeOffset(time.Date, TimeSpan.Zero).AddDays(-(((int)time.DayOfWeek + 6) % 7)),
            'd' => new DateTimeOffset(time.Date, TimeSpan.Zero),
            'h' or 'H' => new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero),
            'm' => new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, TimeSpan.Zero),
        };
        return _roundUp ? Add(start, 1, unit).AddMilliseconds(-1) : start;
    }

    private static DateTimeOffset Add(DateTimeOffset time, int amount, char unit) => unit switch
    {
        'y' => time.AddYears(amount),
        'M' => time.AddMonths(amount),
        'w' => time.AddDays(7.0 * amount),
        'd' => time.AddDays(amount),
        'h' or 'H' => time.AddHours(amount),
        'm' => time.AddMinutes(amount),
        _ => time.AddSeconds(amount),
    };

    private static bool TryParseOperations(string math, out List<(char Op, int Amount, char Unit)> operations)
    {
        operations = [];
        var pos = 0;
        while (pos < math.Length)
        {
            var op = math[pos++];
            if (op is not ('+' or '-' or '/'))
            {
                return false;
            }

            var digitsStart = pos;
            while (pos < math.Length && char.IsAsciiDigit(math[pos]))
            {
                pos++;
            }

            var amount = 1;
            if (pos > digitsStart
                && (op == '/' || !int.TryParse(math.AsSpan(digitsStart, pos - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out amount)))
            {
                return false;
            }

            if (pos >= math.Length || !"yMwdhHms".Contains(math[pos], StringComparison.Ordinal))
            {
                return false;
            }

            operations.Add((op, amount, math[pos++]));
        }

        return true;
    }
}
