using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Alert;

/// <summary>Adds the <c>kibana.alert.rule.*</c> fields: the rule as it was when the alert was raised.</summary>
internal static class AlertRuleFields
{
    private const string Prefix = "kibana.alert.rule.";

    /// <summary>Kibana's producer and consumer of security rules.</summary>
    private const string SecurityApp = "siem";

    private static readonly Dictionary<string, string> RuleTypeIds = new(StringComparer.Ordinal)
    {
        ["query"] = "siem.queryRule",
        ["saved_query"] = "siem.savedQueryRule",
        ["eql"] = "siem.eqlRule",
        ["esql"] = "siem.esqlRule",
        ["threshold"] = "siem.thresholdRule",
        ["new_terms"] = "siem.newTermsRule",
        ["threat_match"] = "siem.indicatorRule",
        ["machine_learning"] = "siem.mlRule",
    };

    private const string NameKey = Prefix + "name";

    // The rule's fields are the same in each of its alerts, so they are built once per rule.
    private static readonly ConditionalWeakTable<DetectionRule, Template> Templates = [];

    /// <summary>Adds the rule's fields to an alert, the name being <paramref name="name"/> (after any override).</summary>
    public static void Add(AlertFieldTarget alert, DetectionRule rule, string name, DateTimeOffset executionTime)
    {
        var template = Templates.GetValue(rule, Template.Build);
        foreach (var field in template.Fields)
        {
            if (field.Key == NameKey)
            {
                alert.Add(field.Key, name);
            }
            else
            {
                alert.Add(field.Key, field.Value);
            }
        }

        var execution = template.ExecutionAt(rule, executionTime);
        alert.Add(Prefix + "execution.uuid", execution.Uuid);
        alert.Add(Prefix + "execution.timestamp", execution.Timestamp);
        alert.Add(Prefix + "execution.type", "scheduled");
    }

    /// <summary>
    /// Returns an estimate of the bytes that the rule's own fields take in each alert: the encoded
    /// length of its long values, such as its parameters, notes and threat mapping.
    /// </summary>
    public static int EncodedLength(DetectionRule rule) =>
        Templates.GetValue(rule, Template.Build).Fields.Sum(field => field.Value.EncodedLength);

    private static void AddIdentity(JsonObject alert, DetectionRule rule, string name)
    {
        alert[Prefix + "uuid"] = rule.Uuid;
        alert[Prefix + "rule_id"] = rule.RuleId;
        alert[Prefix + "name"] = name;
        alert[Prefix + "description"] = rule.Description;
        alert[Prefix + "type"] = rule.Type;
        alert[Prefix + "version"] = rule.Version;
        alert[Prefix + "revision"] = 0;
        alert[Prefix + "enabled"] = rule.Enabled;
        alert[Prefix + "consumer"] = SecurityApp;
        alert[Prefix + "producer"] = SecurityApp;
        alert[Prefix + "rule_type_id"] = RuleTypeIds.GetValueOrDefault(rule.Type, rule.Type);
        alert[Prefix + "severity"] = rule.Severity;
        alert[Prefix + "risk_score"] = rule.RiskScore;
        alert[Prefix + "severity_mapping"] = OtherFieldOrEmpty(rule, "severity_mapping");
        alert[Prefix + "risk_score_mapping"] = OtherFieldOrEmpty(rule, "risk_score_mapping");
        AddIfSet(alert, "building_block_type", rule.BuildingBlockType);
        AddIfSet(alert, "rule_name_override", rule.RuleNameOverride);
        alert[Prefix + "parameters"] = RuleApiJson.Parameters(rule);
    }

    private static void AddSchedule(JsonObject alert, DetectionRule rule)
    {
        alert[Prefix + "interval"] = rule.Interval;
        alert[Prefix + "from"] = rule.From;
        alert[Prefix + "to"] = rule.To;
        alert[Prefix + "max_signals"] = rule.MaxSignals;
        alert[Prefix + "indices"] = RuleApiJson.Strings(rule.Index);
        AddIfSet(alert, "timestamp_override", rule.TimestampOverride);
        // Kibana writes the exception lists the rule references, whether or not they removed any event.
        alert[Prefix + "exceptions_list"] = OtherFieldOrEmpty(rule, "exceptions_list");
        alert[Prefix + "actions"] = new JsonArray();
    }

    private static void AddDocumentation(JsonObject alert, DetectionRule rule)
    {
        alert[Prefix + "tags"] = RuleApiJson.Strings(rule.Tags);
        alert[Prefix + "references"] = RuleApiJson.Strings(rule.References);
        alert[Prefix + "author"] = RuleApiJson.Strings(rule.Author);
        alert[Prefix + "false_positives"] = RuleApiJson.Strings(rule.FalsePositives);
        alert[Prefix + "threat"] = RuleApiJson.Threat(rule.Threat);
        AddIfSet(alert, "license", rule.License);
        AddIfSet(alert, "note", rule.Note);
    }

    /// <summary>The fields every alert of one rule has, except the execution fields, with the name as a placeholder.</summary>
    private sealed class Template
    {
        private Template(TemplateField[] fields)
        {
            Fields = fields;
        }

        public TemplateField[] Fields { get; }

        // A hunt gives every alert of a rule one execution time, so its id and text are made once.
        private Execution? _lastExecution;

        /// <summary>Returns the execution id and timestamp of a run at <paramref name="time"/>.</summary>
        public Execution ExecutionAt(DetectionRule rule, DateTimeOffset time)
        {
            if (_lastExecution is { } last && last.Time == time)
            {
                return last;
            }

            var execution = new Execution(time, AlertIds.ExecutionUuid(rule.Uuid, time), KibanaTime.Format(time));
            _lastExecution = execution;
            return execution;
        }

        public static Template Build(DetectionRule rule)
        {
            var fields = new JsonObject();
            AddIdentity(fields, rule, name: string.Empty);
            AddSchedule(fields, rule);
            AddDocumentation(fields, rule);
            return new Template([.. fields.Select(field => new TemplateField(field.Key, RuleFieldValue.Of(field.Value)))]);
        }
    }

    /// <summary>The execution fields of one run of a rule.</summary>
    private sealed record Execution(DateTimeOffset Time, string Uuid, string Timestamp);

    /// <summary>One field of a <see cref="Template"/>.</summary>
    private sealed record TemplateField(string Key, RuleFieldValue Value);

    private static JsonNode OtherFieldOrEmpty(DetectionRule rule, string field) =>
        rule.OtherFields.TryGetValue(field, out var value) && value is not null ? value.DeepClone() : new JsonArray();

    private static void AddIfSet(JsonObject alert, string field, string? value)
    {
        if (value is not null)
        {
            alert[Prefix + field] = value;
        }
    }
}
