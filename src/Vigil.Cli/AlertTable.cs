using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// Keeps the display columns of the oldest alerts by their source event's time
/// (<c>kibana.alert.original_time</c>), at most <see cref="MaxRows"/>, so a huge hunt cannot exhaust memory.
/// </summary>
internal sealed class AlertTable : IAlertSink
{
    /// <summary>Rows shown at most; beyond this a table stops being readable and NDJSON is the better tool.</summary>
    public const int MaxRows = 1000;

    // The newest row kept is at the head, so that an older alert can replace it once the table is full.
    private readonly PriorityQueue<AlertRow, RowOrder> _rows = new(Comparer<RowOrder>.Create((a, b) => b.CompareTo(a)));
    private long _received;

    public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
    {
        var order = new RowOrder(AlertText.TryReadOriginalTime(alert, out var time) ? time : null, _received++);
        if (_rows.Count < MaxRows)
        {
            _rows.Enqueue(AlertRow.From(AlertText.Parse(alert)), order);
            return;
        }

        // The hunt's alerts can outnumber the rows by millions, so only an alert that is kept is parsed.
        _rows.TryPeek(out _, out var newest);
        if (order.CompareTo(newest) < 0)
        {
            _rows.DequeueEnqueue(AlertRow.From(AlertText.Parse(alert)), order);
        }
    }

    /// <summary>
    /// Returns the rows kept, oldest source event first. Alerts of the same time keep the order the
    /// hunt wrote them in, and alerts whose event has no time come last.
    /// </summary>
    public IReadOnlyList<AlertRow> OrderedRows() =>
        [.. _rows.UnorderedItems.OrderBy(item => item.Priority).Select(item => item.Element)];

    /// <summary>The sort key of a row: its event time, with no time last, and then the order the hunt wrote it in.</summary>
    private readonly record struct RowOrder(DateTimeOffset? Time, long Received) : IComparable<RowOrder>
    {
        public int CompareTo(RowOrder other)
        {
            var byPresence = (Time is null).CompareTo(other.Time is null);
            if (byPresence != 0)
            {
                return byPresence;
            }

            var byTime = Nullable.Compare(Time, other.Time);
            return byTime != 0 ? byTime : Received.CompareTo(other.Received);
        }
    }
}
