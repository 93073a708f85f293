namespace Vigil.Hunt;

/// <summary>What a hunt reads and which time range it covers.</summary>
/// <param name="Paths">CloudTrail files and directories (searched recursively).</param>
/// <param name="From">Inclusive lower bound on each rule's timestamp field; null for no bound.</param>
/// <param name="To">Inclusive upper bound on each rule's timestamp field; null for no bound.</param>
public sealed record HuntOptions(IReadOnlyList<string> Paths, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>
    /// The files of <see cref="Paths"/> when the caller has listed them already
    /// (<see cref="Read.PathExpansion.Expand(IEnumerable{string}, List{Read.UnlistedFolder})"/>), so that
    /// a large folder is not listed twice. A caller that sets it sets <see cref="UnlistedFolders"/> too.
    /// </summary>
    internal IReadOnlyList<string>? Files { get; init; }

    /// <summary>The folders of <see cref="Paths"/> that could not be listed, found with <see cref="Files"/>.</summary>
    internal IReadOnlyList<Read.UnlistedFolder> UnlistedFolders { get; init; } = [];

    /// <summary>
    /// The file size from which a hunt on more than one thread reads a file ahead on a thread of its
    /// own. Tests lower it so that small files take that path too.
    /// </summary>
    internal long ReadAheadFrom { get; init; } = Read.ReadAheadStream.MinFileLength;

    /// <summary>Files never read as input, such as the hunt's own output file inside an input folder.</summary>
    public IReadOnlyList<string> ExcludedFiles { get; init; } = [];

    /// <summary>
    /// Worker threads that scan, map and evaluate records while the calling thread reads the files.
    /// With 1, everything runs on the calling thread. Alerts, their order and their ids are the same
    /// at any count. Default: the processor count.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether a record that no rule can match is counted as an event without being parsed into a
    /// tree or mapped. A rule cannot match a record whose <c>eventName</c> or <c>eventSource</c> is
    /// not among the values its query demands, or whose raw JSON lacks every literal it requires.
    /// Alerts and counts are the same either way, except <see cref="HuntSummary.EventsWithMappingErrors"/>,
    /// which then counts mapped events only.
    /// </summary>
    public bool Prefilter { get; init; } = true;

    /// <summary>
    /// Whether each record is evaluated only by the rules whose demanded <c>event.action</c> and
    /// <c>event.provider</c> values it holds, instead of by every rule. Needs <see cref="Prefilter"/>.
    /// </summary>
    public bool Routing { get; init; } = true;
}
