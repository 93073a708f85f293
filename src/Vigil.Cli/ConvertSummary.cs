namespace Vigil.Cli;

/// <summary>
/// Totals of one conversion. Every record read is counted once as an event, an error or a skip, so
/// <see cref="Records"/> equals <see cref="Events"/> + <see cref="Errors"/> + <see cref="Skipped"/>.
/// </summary>
internal sealed class ConvertSummary
{
    private readonly Dictionary<string, long> _skippedByReason = new(StringComparer.Ordinal);

    public int Files { get; set; }

    /// <summary>
    /// Folders among the input that could not be listed, so their files were not read. A folder is
    /// not a file and gives no record, so it counts in neither <see cref="Files"/> nor <see cref="Records"/>.
    /// </summary>
    public int FoldersNotListed { get; set; }

    public long Records { get; set; }

    /// <summary>Documents written, one per event.</summary>
    public long Events { get; set; }

    /// <summary>Events written with <c>event.kind: pipeline_error</c>; they are counted in <see cref="Events"/> too.</summary>
    public long EventsWithMappingErrors { get; set; }

    public long Errors { get; set; }

    public long Skipped { get; private set; }

    public IReadOnlyDictionary<string, long> SkippedByReason => _skippedByReason;

    public TimeSpan Elapsed { get; set; }

    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;

    public void CountSkip(string reason)
    {
        Skipped++;
        _skippedByReason[reason] = _skippedByReason.GetValueOrDefault(reason) + 1;
    }
}
