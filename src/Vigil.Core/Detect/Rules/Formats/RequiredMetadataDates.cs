using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// The <c>[metadata]</c> dates that detection-rules requires of every TOML rule:
/// <c>creation_date</c> and <c>updated_date</c> are the two keys its <c>RuleMeta</c> schema does not
/// mark optional, so its CLI rejects a file without them.
/// </summary>
internal static class RequiredMetadataDates
{
    public const string CreationKey = "creation_date";

    public const string UpdatedKey = "updated_date";

    /// <summary>Returns the required date keys that <paramref name="rule"/> does not set.</summary>
    public static IReadOnlyList<string> Missing(DetectionRule rule)
    {
        var missing = new List<string>();
        if (rule.Metadata.CreationDate is null)
        {
            missing.Add(CreationKey);
        }

        if (rule.Metadata.UpdatedDate is null)
        {
            missing.Add(UpdatedKey);
        }

        return missing;
    }

    /// <summary>The fix for a TOML rule without the required dates.</summary>
    public const string Fix = "add them to [metadata] as quoted YYYY/MM/DD days, such as creation_date = \"2024/05/17\", the days the rule was created and last changed";

    /// <summary>
    /// Returns what is wrong when <paramref name="rule"/> comes from a TOML file and lacks a required
    /// date, without the fix, or null. Kibana JSON and docs pages are not detection-rules files, so they are left out.
    /// </summary>
    public static string? Problem(DetectionRule rule)
    {
        if (rule.SourcePath is not { } path || !RuleFiles.IsToml(path) || Missing(rule) is not { Count: > 0 } missing)
        {
            return null;
        }

        var keys = string.Join(" and ", missing);
        return $"missing [metadata] {keys}: detection-rules requires both in every TOML rule, so its CLI rejects this file";
    }

    /// <summary>
    /// Returns <paramref name="rule"/> with both dates set. A missing date is the UTC day of Kibana's
    /// <c>created_at</c> or <c>updated_at</c> when the rule has a valid one, else <paramref name="today"/>,
    /// which detection-rules' <c>TOMLRuleContents.from_rule_resource</c> writes for both.
    /// <paramref name="setToToday"/> lists the keys that got today's date.
    /// </summary>
    public static DetectionRule Complete(DetectionRule rule, DateOnly today, out IReadOnlyList<string> setToToday)
    {
        var todayText = today.ToString(MetadataDates.Format, CultureInfo.InvariantCulture);
        var fromToday = new List<string>();
        string Date(string? written, string key, string kibanaKey)
        {
            if (written is not null)
            {
                return written;
            }

            if (KibanaDay(rule, kibanaKey) is { } day)
            {
                return day;
            }

            fromToday.Add(key);
            return todayText;
        }

        var metadata = rule.Metadata;
        var creation = Date(metadata.CreationDate, CreationKey, "created_at");
        var updated = Date(metadata.UpdatedDate, UpdatedKey, "updated_at");
        setToToday = fromToday;
        if (creation == metadata.CreationDate && updated == metadata.UpdatedDate)
        {
            return rule;
        }

        return rule.WithMetadata(new RuleMetadata
        {
            CreationDate = creation,
            UpdatedDate = updated,
            Maturity = metadata.Maturity,
            Integration = metadata.Integration,
            MinStackVersion = metadata.MinStackVersion,
            MinStackComments = metadata.MinStackComments,
            DeprecationDate = metadata.DeprecationDate,
            OtherFields = metadata.OtherFields,
        });
    }

    /// <summary>Returns the UTC day of a Kibana timestamp field as <c>YYYY/MM/DD</c>, or null when it is missing or invalid.</summary>
    private static string? KibanaDay(DetectionRule rule, string key)
    {
        if (rule.OtherFields.GetValueOrDefault(key) is not JsonValue value
            || !value.TryGetValue<string>(out var text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }

        return time.UtcDateTime.ToString(MetadataDates.Format, CultureInfo.InvariantCulture);
    }
}
