namespace Vigil.Hunt;

/// <summary>What a hunt reads and which time range it covers.</summary>
/// <param name="Paths">CloudTrail files and directories (searched recursively).</param>
/// <param name="From">Inclusive lower bound on each rule's timestamp field; null for no bound.</param>
/// <param name="To">Inclusive upper bound on each rule's timestamp field; null for no bound.</param>
public sealed record HuntOptions(IReadOnlyList<string> Paths, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>Files never read as input, such as the hunt's own output file inside an input folder.</summary>
    public IReadOnlyList<string> ExcludedFiles { get; init; } = [];
}
