using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports an <c>event.dataset</c> value that no data stream the rule reads has, such as
/// <c>aws.cloudtrails</c> on <c>logs-aws.cloudtrail-*</c>. A data stream of Elastic's integrations
/// (<c>logs-{dataset}-{namespace}</c>) contains one dataset, so a rule whose index patterns read only
/// AWS data streams can match only their datasets.
/// </summary>
internal static class DatasetCheck
{
    private const string Field = "event.dataset";

    // A data stream of another integration, to tell patterns that read only AWS data from wider ones such as logs-*.
    private const string OtherDataStream = "logs-okta.system-default";

    public static void Run(LintContext context)
    {
        if (ReadDatasets(context.Rule.Index) is not { } datasets)
        {
            return;
        }

        // A pattern such as logs-aws.* also reads a data stream named for the value, so only a value
        // whose own data stream the patterns do not read is reported.
        var leaves = context.Leaves.Where(leaf => leaf.Field == Field && leaf.Value is not null && leaf.IsExact);
        foreach (var leaf in leaves.Where(leaf => !leaf.MatchesAny(datasets) && !IndexPatterns.Matches(context.Rule.Index, $"logs-{leaf.Value!.Text}-default")))
        {
            var severity = leaf.Negated ? LintSeverity.Warning : LintSeverity.Error;
            var effect = leaf.Negated ? "the negated condition always holds" : "the condition never matches";
            context.AtLeaf(LintIds.ImpossibleValue, severity, leaf,
                $"{Field} \"{leaf.Value!.Text}\" is the dataset of no data stream that index patterns {string.Join(", ", context.Rule.Index)} read, so {effect}",
                KnownValueCheck.Fix(leaf.Value.Text, datasets));
        }
    }

    /// <summary>Returns the datasets of the AWS data streams that <paramref name="index"/> reads, or null when it may read others too.</summary>
    private static IReadOnlyList<string>? ReadDatasets(IReadOnlyList<string> index)
    {
        if (index.Count == 0 || IndexPatterns.Matches(index, OtherDataStream))
        {
            return null;
        }

        var streams = AwsDataStreams.All.Where(stream => IndexPatterns.Matches(index, stream)).ToList();

        // Filebeat's indices contain every dataset of its modules.
        if (streams.Count == 0 || streams.Any(stream => !stream.StartsWith("logs-", StringComparison.Ordinal)))
        {
            return null;
        }

        return [.. streams.Select(stream => stream["logs-".Length..stream.LastIndexOf('-')])];
    }
}
