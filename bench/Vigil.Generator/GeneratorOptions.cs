namespace Vigil.Generator;

/// <summary>What to generate and where.</summary>
/// <param name="Output">File for the single-file layouts, folder for the S3 layout.</param>
/// <param name="Layout">How records are laid out on disk.</param>
/// <param name="Seed">Seed of every random draw: the same seed and options give byte-identical output.</param>
/// <param name="RoleChainShare">Share of records, from 0 to 1, that are role-chaining AssumeRole calls.</param>
/// <param name="MaxRecords">Stop after this many records.</param>
/// <param name="TargetBytes">Stop once this many bytes of uncompressed JSON are written.</param>
internal sealed record GeneratorOptions(
    string Output,
    OutputLayout Layout,
    ulong Seed = 1,
    double RoleChainShare = 0.01,
    long MaxRecords = long.MaxValue,
    long TargetBytes = long.MaxValue)
{
    /// <summary>Time of the first record. Later records follow at random gaps of up to a tenth of a second.</summary>
    public DateTime Start { get; init; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
