using Vigil.Generator;
using Vigil.Tests.Support;

namespace Vigil.Tests.Generator;

/// <summary>Small generated CloudTrail inputs for the generator tests.</summary>
internal static class GeneratedFiles
{
    public const int Records = 400;

    /// <summary>A share high enough that a few hundred records hold several role chains.</summary>
    public const double RoleChainShare = 0.05;

    public static GenerationSummary Generate(string output, OutputLayout layout, ulong seed = 1, TrafficProfile? profile = null) =>
        CloudTrailGenerator.Run(
            new GeneratorOptions(output, layout, seed, RoleChainShare, MaxRecords: Records),
            profile ?? BuiltInProfile.Create());

    /// <summary>The layout a file or folder name implies, as the generator's command line picks it.</summary>
    public static OutputLayout LayoutOf(string name) =>
        name.EndsWith(".json.gz", StringComparison.Ordinal) ? OutputLayout.JsonGzip
        : name.EndsWith(".json", StringComparison.Ordinal) ? OutputLayout.Json
        : OutputLayout.S3;

    /// <summary>The profile computed from the shared reference records, or a skipped test when they are absent.</summary>
    public static TrafficProfile SharedProfileOrSkip() =>
        SharedProfile.TryLoad(RepoPaths.SharedOrSkip("data", "cloudtrail"))
        ?? throw new InvalidOperationException("The shared CloudTrail folder holds no readable records.");

    /// <summary>Every file under <paramref name="root"/> with its bytes, by relative path.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string root) =>
        new(
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(root, file), File.ReadAllBytes),
            StringComparer.Ordinal);
}
