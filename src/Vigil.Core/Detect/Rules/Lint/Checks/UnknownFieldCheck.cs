using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports query fields that the CloudTrail data stream does not have: neither ECS nor the AWS
/// integration defines them, so a condition on them never matches and a negated one always does.
/// </summary>
/// <remarks>
/// Only rules whose index patterns read the CloudTrail data stream are checked, because the
/// catalogue lists that data stream's fields. Rules that also read other data streams get notes
/// instead of warnings, since those streams add fields of their own. A field below an ECS namespace
/// such as <c>event</c> stays an error when the rule reads AWS data streams only, which do not
/// extend those namespaces, or when it is a near miss of a known field. Other integrations do
/// extend them (Elastic Defend's <c>process.Ext.*</c>).
/// </remarks>
internal static class UnknownFieldCheck
{
    public static void Run(LintContext context)
    {
        var index = context.Rule.Index;
        if (!IndexPatterns.Matches(index, AwsDataStreams.CloudTrail))
        {
            return;
        }

        var awsOnly = index.All(IsAwsPattern);
        var otherStreams = AwsDataStreams.Others.Any(stream => IndexPatterns.Matches(index, stream));
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in context.Leaves.Where(leaf => !FieldCatalogue.IsKnown(leaf.Field) && !IsObjectExists(leaf)))
        {
            if (reported.Add(leaf.Field))
            {
                Report(context, leaf, awsOnly, otherStreams);
            }
        }
    }

    /// <summary>
    /// True for exists on an object such as <c>user:*</c>. Elasticsearch expands it to the fields
    /// below the object, so it matches events that have any of them.
    /// </summary>
    private static bool IsObjectExists(QueryLeaf leaf) => leaf.IsExists && FieldCatalogue.IsObjectPath(leaf.Field);

    private static void Report(LintContext context, QueryLeaf leaf, bool awsOnly, bool otherStreams)
    {
        var field = leaf.Field;
        var nearest = FieldSuggestions.For(field);
        var severity = Severity(leaf, nearest.Count > 0, awsOnly, otherStreams);
        var message = FieldCatalogue.IsObjectPath(field)
            ? $"{field} is an object in the CloudTrail data stream, not a field, so the condition never matches"
            : $"{field} is neither an ECS field nor a field of the AWS integration's CloudTrail data stream, so {Effect(leaf)}";

        context.AtLeaf(LintIds.UnknownField, severity, leaf, message, FieldSuggestions.Fix(field, nearest), atFieldName: true);
    }

    /// <summary>
    /// Returns error for a positive condition on a near miss of a catalogued field, on a field with
    /// a space in its name (<c>and user.name</c> from a doubled <c>and</c>), or on a field below an
    /// ECS namespace when the rule reads AWS data streams only or the field is a near miss. Returns
    /// a note when other data streams of the rule may have the field.
    /// </summary>
    private static LintSeverity Severity(QueryLeaf leaf, bool hasSuggestion, bool awsOnly, bool otherStreams)
    {
        if ((EcsNamespaces.Contains(leaf.Field) && (awsOnly || hasSuggestion)) || leaf.Field.Any(char.IsWhiteSpace))
        {
            return leaf.Negated ? LintSeverity.Warning : LintSeverity.Error;
        }

        if (otherStreams || !awsOnly)
        {
            return LintSeverity.Info;
        }

        return hasSuggestion && !leaf.Negated ? LintSeverity.Error : LintSeverity.Warning;
    }

    private static string Effect(QueryLeaf leaf) =>
        leaf.Negated ? "the negated condition holds for every CloudTrail event" : "the condition never matches a CloudTrail event";

    /// <summary>
    /// Whether an index pattern reads AWS logs only: the AWS integration's data streams
    /// (<c>logs-aws.DATASET-NAMESPACE</c>), or Filebeat's indices, which Elastic's AWS rules list
    /// for the Filebeat AWS module.
    /// </summary>
    private static bool IsAwsPattern(string pattern) =>
        pattern.StartsWith("logs-aws", StringComparison.Ordinal) || pattern.StartsWith("filebeat-", StringComparison.Ordinal);
}
