using System.Text.Json.Nodes;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports fields named outside the query that the CloudTrail data stream does not have: new terms
/// fields and threshold fields, whose rules then never create an alert, and alert suppression and
/// investigation fields, which then stay empty.
/// </summary>
/// <remarks>
/// ES|QL rules are skipped, because their fields may be columns the query computes. As for query
/// fields, only rules reading the CloudTrail data stream are checked, and rules that also read
/// other AWS data streams get notes.
/// </remarks>
internal static class RuleFieldCheck
{
    private static readonly (string Setting, string TomlPath, bool Essential)[] Settings =
    [
        ("new_terms.value", "rule.new_terms.value", true),
        ("threshold.field", "rule.threshold.field", true),
        ("threshold.cardinality.field", "rule.threshold.cardinality", true),
        ("alert_suppression.group_by", "rule.alert_suppression.group_by", false),
        ("investigation_fields.field_names", "rule.investigation_fields.field_names", false),
    ];

    public static void Run(LintContext context)
    {
        var rule = context.Rule;
        if (rule.Language == "esql" || !IndexPatterns.Matches(rule.Index, AwsDataStreams.CloudTrail))
        {
            return;
        }

        var otherStreams = AwsDataStreams.Others.Any(stream => IndexPatterns.Matches(rule.Index, stream));
        foreach (var (setting, tomlPath, essential) in Settings)
        {
            foreach (var field in FieldNames(rule, setting).Where(field => !FieldCatalogue.IsKnown(field)).Distinct(StringComparer.Ordinal))
            {
                Report(context, setting, tomlPath, essential, field, Severity(essential, otherStreams));
            }
        }
    }

    private static void Report(LintContext context, string setting, string tomlPath, bool essential, string field, LintSeverity severity)
    {
        var nearest = FieldSuggestions.For(field);
        var effect = essential ? "so the rule never creates an alert" : "so it stays empty in every alert";
        context.AtField(LintIds.UnknownField, severity, tomlPath,
            $"{setting} names \"{field}\", which is neither an ECS field nor a field of the AWS integration's CloudTrail data stream, {effect}",
            FieldSuggestions.Fix(field, nearest));
    }

    private static LintSeverity Severity(bool essential, bool otherStreams)
    {
        if (otherStreams)
        {
            return LintSeverity.Info;
        }

        return essential ? LintSeverity.Error : LintSeverity.Warning;
    }

    /// <summary>Returns the strings at a dotted path of the rule's other settings (detection-rules' nesting), stepping through arrays.</summary>
    private static IEnumerable<string> FieldNames(DetectionRule rule, string setting)
    {
        var parts = setting.Split('.');
        IEnumerable<JsonNode?> nodes = [rule.OtherFields.GetValueOrDefault(parts[0])];
        foreach (var part in parts.Skip(1))
        {
            nodes = nodes.SelectMany(Elements).Select(node => (node as JsonObject)?[part]);
        }

        return nodes.SelectMany(Elements).OfType<JsonValue>()
            .Select(value => value.TryGetValue<string>(out var text) ? text : null)
            .OfType<string>();
    }

    private static IEnumerable<JsonNode?> Elements(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array;
        }

        return [node];
    }
}
