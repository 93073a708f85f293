using System.Text.RegularExpressions;
using Tomlyn.Model;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Detect.Rules;

/// <summary>Maps the untyped TOML model of a detection-rules file to a <see cref="DetectionRule"/>.</summary>
internal static partial class TomlRuleReader
{
    private static readonly string[] RuleTypes =
        ["query", "saved_query", "eql", "esql", "threshold", "new_terms", "threat_match", "machine_learning"];

    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    private static readonly string[] Languages = ["kuery", "lucene", "eql", "esql"];

    /// <summary>
    /// Top-level tables a detection-rules file may have. <c>[transform]</c> only contains investigation
    /// guide templates that detection-rules renders into <c>note</c>, so the reader skips it.
    /// </summary>
    private static readonly string[] Sections = ["metadata", "rule", "transform"];

    /// <summary>
    /// Reads a rule; <paramref name="uuid"/> keeps a saved-object id read from Kibana JSON. Keys no
    /// schema defines are errors unless <paramref name="rejectUnknownKeys"/> is false, as for Kibana
    /// JSON, where lint reports them as warnings.
    /// </summary>
    public static DetectionRule? Read(TomlTable document, string? sourcePath, RuleErrorSink errors, string? uuid = null, int? sourceLine = null, bool rejectUnknownKeys = true)
    {
        NameRule(document, errors);
        CheckSections(document, errors);
        if (rejectUnknownKeys)
        {
            RejectUnknownKeys(document, errors);
        }

        var root = new TomlTableReader(document, "", errors);
        var metadataTable = root.Table("metadata");
        var metadata = metadataTable is null
            ? new RuleMetadata()
            : ReadMetadata(new TomlTableReader(metadataTable, "metadata", errors));

        if (!document.TryGetValue("rule", out var ruleValue) || ruleValue is not TomlTable ruleTable)
        {
            errors.Add("rule", "missing [rule] table: a detection-rules file needs a [rule] table with rule_id, name, description, type, severity and risk_score");
            return null;
        }

        var rule = ReadRule(new TomlTableReader(ruleTable, "rule", errors), metadata, (sourcePath, sourceLine), uuid);
        if (errors.Errors.Count == 0)
        {
            return rule;
        }

        AddLaterChecks(rule, errors);
        return null;
    }

    /// <summary>
    /// A rejected rule never reaches the validator, so its whole-rule checks (date math, query
    /// syntax) run here: one run then reports every error of the file.
    /// </summary>
    private static void AddLaterChecks(DetectionRule rule, RuleErrorSink errors)
    {
        foreach (var problem in Validation.RuleChecks.Check(rule))
        {
            errors.Add(problem.FieldPath, problem.Message);
        }
    }

    /// <summary>
    /// Names the rule in every error of <paramref name="errors"/> by the rule_id and name of <c>[rule]</c>,
    /// when they are strings. It runs before any check, so that the first error is named too.
    /// </summary>
    private static void NameRule(TomlTable document, RuleErrorSink errors)
    {
        if (document.TryGetValue("rule", out var rule) && rule is TomlTable ruleTable)
        {
            errors.NameRule(ruleTable.TryGetValue("rule_id", out var id) ? id as string : null, ruleTable.TryGetValue("name", out var name) ? name as string : null);
        }
    }

    private static void CheckSections(TomlTable document, RuleErrorSink errors)
    {
        foreach (var key in document.Keys.Where(key => !Sections.Contains(key)))
        {
            errors.Add(key, $"unknown top-level key or table \"{key}\": a detection-rules file has only [metadata], [rule] and [transform]; move it under [rule] or remove it");
        }
    }

    private static void RejectUnknownKeys(TomlTable document, RuleErrorSink errors)
    {
        if (document.TryGetValue("metadata", out var metadata) && metadata is TomlTable metadataTable)
        {
            UnknownRuleKeys.Reject(metadataTable, "metadata", KnownRuleKeys.Metadata, errors);
        }

        if (document.TryGetValue("rule", out var rule) && rule is TomlTable ruleTable)
        {
            UnknownRuleKeys.Reject(ruleTable, "rule", KnownRuleKeys.Rule, errors);
        }
    }

    private static RuleMetadata ReadMetadata(TomlTableReader metadata) => new()
    {
        CreationDate = MetadataDates.Read(metadata, "creation_date"),
        UpdatedDate = MetadataDates.Read(metadata, "updated_date"),
        Maturity = metadata.String("maturity"),
        Integration = metadata.StringOrStrings("integration"),
        MinStackVersion = metadata.String("min_stack_version"),
        MinStackComments = metadata.String("min_stack_comments"),
        DeprecationDate = MetadataDates.Read(metadata, "deprecation_date"),
        OtherFields = metadata.Unread(),
    };

    private static DetectionRule ReadRule(TomlTableReader rule, RuleMetadata metadata, (string? Path, int? Line) source, string? uuid)
    {
        var ruleId = rule.RequiredString("rule_id");
        var type = OneOf(rule, "type", rule.RequiredString("type"), RuleTypes);
        var version = rule.Integer("version", 1, int.MaxValue);

        return new DetectionRule
        {
            RuleId = ruleId,
            Uuid = uuid ?? NameBasedUuid.ForRuleId(ruleId),
            Name = rule.RequiredString("name"),
            Description = rule.RequiredString("description"),
            Type = type,
            Language = ReadLanguage(rule, type),
            Query = ReadQuery(rule, type),
            Index = rule.Strings("index"),
            Severity = OneOf(rule, "severity", rule.RequiredString("severity"), Severities),
            RiskScore = ReadRiskScore(rule),
            Version = version ?? RuleDefaults.Version,
            HasVersion = version is not null,
            Interval = ReadInterval(rule),
            From = rule.String("from") ?? RuleDefaults.From,
            To = rule.String("to") ?? RuleDefaults.To,
            MaxSignals = rule.Integer("max_signals", 1, int.MaxValue) ?? RuleDefaults.MaxSignals,
            Tags = rule.Strings("tags"),
            References = rule.Strings("references"),
            Author = rule.Strings("author"),
            License = rule.String("license"),
            Threat = ThreatReader.Read(rule),
            TimestampOverride = rule.String("timestamp_override"),
            TimestampOverrideFallbackDisabled = rule.Boolean("timestamp_override_fallback_disabled") ?? false,
            Note = rule.String("note"),
            Setup = rule.String("setup"),
            FalsePositives = rule.Strings("false_positives"),
            Enabled = rule.Boolean("enabled") ?? true,
            BuildingBlockType = rule.String("building_block_type"),
            RuleNameOverride = rule.String("rule_name_override"),
            Metadata = metadata,
            SourcePath = source.Path,
            SourceLine = source.Line,
            OtherFields = rule.Unread(),
            SourceKeys = rule.Keys,
        };
    }

    private static string? ReadLanguage(TomlTableReader rule, string type)
    {
        var language = rule.String("language");
        if (language is not null)
        {
            return OneOf(rule, "language", language, Languages);
        }

        return type switch
        {
            "eql" => "eql",
            "esql" => "esql",
            "machine_learning" => null,
            _ => RuleDefaults.KueryLanguage,
        };
    }

    /// <summary>Reads the query. EQL and ES|QL rules need one, but Kibana lets a query rule leave it empty.</summary>
    private static string ReadQuery(TomlTableReader rule, string type)
    {
        if (type is "eql" or "esql" && !rule.Contains("query"))
        {
            rule.Errors.Add(rule.FieldPath("query"), $"missing required field rule.query: {type} rules need a query; add query = '''...''' to the [rule] table");
        }

        return rule.String("query") ?? "";
    }

    private static int ReadRiskScore(TomlTableReader rule)
    {
        if (!rule.Contains("risk_score"))
        {
            rule.Errors.Add(rule.FieldPath("risk_score"), "missing required field rule.risk_score: add risk_score = 21 (0 to 100) to the [rule] table");
        }

        return rule.Integer("risk_score", 0, 100) ?? 0;
    }

    private static string ReadInterval(TomlTableReader rule)
    {
        var interval = rule.String("interval");
        if (interval is null)
        {
            return RuleDefaults.Interval;
        }

        // The scheduler's own test, so that a rule that validates also runs: a zero interval or one
        // longer than the maximum is rejected here too.
        if (!IntervalPattern().IsMatch(interval) || !RuleInterval.IsValid(interval))
        {
            rule.Invalid("interval", interval, RuleInterval.Expected);
        }

        return interval;
    }

    private static string OneOf(TomlTableReader table, string key, string value, string[] allowed)
    {
        if (value.Length > 0 && !allowed.Contains(value, StringComparer.Ordinal))
        {
            table.Invalid(key, value, $"expected one of {string.Join(", ", allowed)}");
        }

        return value;
    }

    [GeneratedRegex(@"^[0-9]+[smhd]$", RegexOptions.CultureInvariant)]
    private static partial Regex IntervalPattern();
}
