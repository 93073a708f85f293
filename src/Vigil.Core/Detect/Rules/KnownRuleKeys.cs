using System.Collections.Frozen;

namespace Vigil.Detect.Rules;

/// <summary>
/// The keys a rule may have: those of detection-rules' <c>[rule]</c> and <c>[metadata]</c> schema
/// (<c>detection_rules/rule.py</c>, whose schema rejects any other key), and the extra fields of
/// Kibana's rule API (<c>rule_schemas.schema.yaml</c>) that a rule JSON or <c>_export</c> line carries.
/// </summary>
internal static class KnownRuleKeys
{
    /// <summary>Keys of the <c>[rule]</c> table of a detection-rules file, for every rule type.</summary>
    public static readonly FrozenSet<string> Rule = FrozenSet.ToFrozenSet(
    [
        // Every rule type.
        "actions", "alert_suppression", "author", "building_block_type", "description", "enabled",
        "exceptions_list", "false_positives", "filters", "from", "interval", "investigation_fields",
        "license", "max_signals", "meta", "name", "note", "references", "related_integrations",
        "required_fields", "response_actions", "revision", "risk_score", "risk_score_mapping", "rule_id",
        "rule_name_override", "setup", "severity", "severity_mapping", "tags", "threat", "throttle",
        "timeline_id", "timeline_title", "timestamp_override", "to", "type", "version",

        // Kibana's API has it and Vigil reads it, though detection-rules' schema leaves it out.
        "timestamp_override_fallback_disabled",

        // Query, saved query, EQL, ES|QL, threshold and new terms rules.
        "data_view_id", "index", "language", "query", "saved_id",
        "event_category_override", "tiebreaker_field", "timestamp_field",
        "threshold", "new_terms",

        // Indicator match rules.
        "concurrent_searches", "items_per_search", "threat_filters", "threat_index",
        "threat_indicator_path", "threat_language", "threat_mapping", "threat_query",

        // Machine learning rules.
        "anomaly_threshold", "machine_learning_job_id",
    ], StringComparer.Ordinal);

    /// <summary>Keys of the <c>[metadata]</c> table of a detection-rules file.</summary>
    public static readonly FrozenSet<string> Metadata = FrozenSet.ToFrozenSet(
    [
        "bypass_bbr_timing", "comments", "creation_date", "deprecation_date", "integration", "maturity",
        "min_stack_comments", "min_stack_version", "os_type_list", "promotion", "query_schema_validation",
        "related_endpoint_rules", "updated_date",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Keys Kibana's rule API has and detection-rules' schema does not: the saved-object state of
    /// an installed rule, which Kibana writes into responses and exports, and the flat new terms keys.
    /// </summary>
    public static readonly FrozenSet<string> KibanaOnly = FrozenSet.ToFrozenSet(
    [
        "id", "created_at", "created_by", "updated_at", "updated_by", "immutable", "rule_source",
        "execution_summary", "outcome", "alias_target_id", "alias_purpose", "output_index", "namespace",
        "new_terms_fields", "history_window_start",
    ], StringComparer.Ordinal);

    /// <summary>Returns the known key nearest to <paramref name="key"/> by edit distance, or null when none is close.</summary>
    public static string? Nearest(string key, IEnumerable<string> known) =>
        Lint.EditDistance.Nearest(key, known, count: 1) is [var nearest] ? nearest : null;
}
