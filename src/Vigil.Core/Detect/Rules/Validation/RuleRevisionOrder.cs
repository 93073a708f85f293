using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Orders the revisions of one <c>rule_id</c> so that the newer content wins, as it does when a
/// newer rule is imported into Kibana over an older one.
/// </summary>
/// <remarks>
/// <para>
/// The <c>version</c> decides when both rules set one and the two differ, because Kibana and
/// detection-rules raise it with each change of the content. A TOML file usually has no
/// <c>version</c>, because detection-rules keeps it in a lock file.
/// </para>
/// <para>
/// Otherwise the update date decides: Kibana's <c>updated_at</c> timestamp when the rule has one,
/// else the TOML <c>[metadata] updated_date</c> day. A day against a timestamp compares days.
/// </para>
/// <para>
/// When neither decides (a rule lacks both, or both were updated on the same day), the order is
/// unknown, and the caller falls back to the path order and reports that. Kibana's <c>revision</c>
/// field is not compared.
/// </para>
/// </remarks>
internal static class RuleRevisionOrder
{
    private const string UpdatedAtKey = "updated_at";
    private const string UpdatedDateFormat = "yyyy/MM/dd";

    /// <summary>
    /// Compares two revisions: positive when <paramref name="first"/> is newer, negative when
    /// <paramref name="second"/> is, 0 when the order is unknown. <paramref name="basis"/> gets
    /// why the newer one is newer, such as <c>version 3 is higher than 2</c>, or "" for 0.
    /// </summary>
    public static int Compare(DetectionRule first, DetectionRule second, out string basis)
    {
        basis = "";
        if (first.HasVersion && second.HasVersion && first.Version != second.Version)
        {
            var (newer, older) = first.Version > second.Version ? (first, second) : (second, first);
            basis = $"version {newer.Version} is higher than {older.Version}";
            return first.Version.CompareTo(second.Version);
        }

        if (Updated(first) is not { } firstUpdated || Updated(second) is not { } secondUpdated)
        {
            return 0;
        }

        // A TOML date names a day in no time zone, so against it a timestamp counts by its UTC day.
        var order = firstUpdated.IsDay || secondUpdated.IsDay
            ? DateOnly.FromDateTime(firstUpdated.Time.UtcDateTime).CompareTo(DateOnly.FromDateTime(secondUpdated.Time.UtcDateTime))
            : firstUpdated.Time.CompareTo(secondUpdated.Time);
        if (order != 0)
        {
            var (newer, older) = order > 0 ? (firstUpdated, secondUpdated) : (secondUpdated, firstUpdated);
            basis = $"updated {newer.Text} is later than {older.Text}";
        }

        return order;
    }

    /// <summary>
    /// Names the revision by what the file sets of its version and update date. An update date that
    /// is set but not a valid timestamp is named as invalid, because it orders nothing.
    /// </summary>
    public static string Describe(DetectionRule rule) => (rule.HasVersion, UpdatedText(rule), InvalidUpdatedAt(rule)) switch
    {
        (false, { } date, _) => $"updated {date}",
        (true, { } date, _) => $"version {rule.Version}, updated {date}",
        (true, null, { } invalid) => $"version {rule.Version}, invalid {UpdatedAtKey} \"{invalid}\"",
        (true, null, null) => $"version {rule.Version}",
        (false, null, { } invalid) => $"no version, invalid {UpdatedAtKey} \"{invalid}\"",
        (false, null, null) => "no version or update date",
    };

    /// <summary>
    /// Returns why Kibana's <c>updated_at</c> cannot order the revision: it is set but not an ISO
    /// 8601 timestamp. Returns null when it is valid or missing.
    /// </summary>
    public static string? UpdatedAtProblem(DetectionRule rule) => InvalidUpdatedAt(rule) is { } invalid
        ? $"invalid {UpdatedAtKey} \"{invalid}\": expected an ISO 8601 timestamp such as \"2024-05-17T10:00:00.000Z\"; revisions of rule_id {rule.RuleId} are ordered without it"
        : null;

    /// <summary>Returns the update date as the rule file writes it, or null when it has none.</summary>
    public static string? UpdatedText(DetectionRule rule) => Updated(rule)?.Text;

    /// <summary>Returns Kibana's <c>updated_at</c> as written when it is set but not a valid timestamp, else null.</summary>
    private static string? InvalidUpdatedAt(DetectionRule rule)
    {
        if (!rule.OtherFields.TryGetValue(UpdatedAtKey, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return TryParseUpdatedAt(text, out _) ? null : text;
        }

        return node.ToJsonString();
    }

    private static bool TryParseUpdatedAt(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    /// <summary>
    /// Returns Kibana's <c>updated_at</c> when it is a valid timestamp, else a valid TOML
    /// <c>updated_date</c>, else null.
    /// </summary>
    private static (DateTimeOffset Time, bool IsDay, string Text)? Updated(DetectionRule rule)
    {
        if (rule.OtherFields.GetValueOrDefault(UpdatedAtKey) is JsonValue value
            && value.TryGetValue<string>(out var updatedAt)
            && TryParseUpdatedAt(updatedAt, out var time))
        {
            return (time, false, updatedAt);
        }

        if (rule.Metadata.UpdatedDate is { } updatedDate
            && DateOnly.TryParseExact(updatedDate, UpdatedDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero), true, updatedDate);
        }

        return null;
    }
}
