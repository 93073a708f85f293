namespace Vigil.Serve;

/// <summary>The totals of the windows a manual run searched and saved.</summary>
public sealed class ManualRunSummary
{
    /// <summary>The number of windows searched, each with one execution log entry.</summary>
    public long Windows { get; private set; }

    /// <summary>The stored events read, after the candidate-value filter and before the query.</summary>
    public long EventsSearched { get; private set; }

    /// <summary>The events the query matched.</summary>
    public long Matches { get; private set; }

    /// <summary>The new alerts written.</summary>
    public long AlertsCreated { get; private set; }

    /// <summary>Matches whose alert already existed.</summary>
    public long DuplicatesSkipped { get; private set; }

    /// <summary>
    /// The worst status of the windows, because a manual run is one execution in several chunks. It
    /// is null before the first window.
    /// </summary>
    public string? Status { get; private set; }

    /// <summary>The last instant of the newest window searched; null before the first window.</summary>
    public DateTimeOffset? SearchedTo { get; private set; }

    /// <summary>Adds one window's execution log entry to the totals.</summary>
    internal void Add(ExecutionLogEntry entry)
    {
        Windows++;
        EventsSearched += entry.EventsSearched;
        Matches += entry.Matches;
        AlertsCreated += entry.AlertsCreated;
        DuplicatesSkipped += entry.DuplicatesSkipped;
        Status = Status is null ? entry.Status : ExecutionStatus.Worse(Status, entry.Status);
        if (entry.Windows.Count > 0)
        {
            SearchedTo = entry.Windows[^1].To;
        }
    }
}
