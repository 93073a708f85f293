using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Tests.Serve;

/// <summary>Rules and events for scheduler tests.</summary>
internal static class SchedulerSamples
{
    public static readonly DateTimeOffset TenOClock = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A manual run's range in the manual-run tests: 95 windows of the 5-minute rule, up to ten o'clock.</summary>
    public static class ManualRange
    {
        public const string RuleId = "stop-logging";
        public const int Windows = 95;

        public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
        public static readonly DateTimeOffset RangeStart = TenOClock - (Windows * Interval);
        public static readonly DateTimeOffset RangeEnd = TenOClock.AddMilliseconds(-1);
    }

    public static DetectionRule StopLoggingRule(
        string ruleId = "stop-logging",
        string interval = "5m",
        string from = "now-6m",
        int maxSignals = 100,
        string? timestampOverride = null,
        bool fallbackDisabled = false) =>
        RuleLoader.ParseToml(StopLoggingRuleToml(ruleId, interval, from, maxSignals, timestampOverride, fallbackDisabled), null);

    public static string StopLoggingRuleToml(
        string ruleId = "stop-logging",
        string interval = "5m",
        string from = "now-6m",
        int maxSignals = 100,
        string? timestampOverride = null,
        bool fallbackDisabled = false)
    {
        var overrideLine = timestampOverride is null ? "" : $"timestamp_override = \"{timestampOverride}\"\n";
        var fallbackLine = fallbackDisabled ? "timestamp_override_fallback_disabled = true\n" : "";
        return $"""
            [metadata]
            creation_date = "2026/12/04"
            maturity = "production"
            updated_date = "2026/12/04"

            [rule]
            author = ["Vigil"]
            description = "CloudTrail logging was stopped."
            name = "Logging stopped ({ruleId})"
            risk_score = 47
            rule_id = "{ruleId}"
            severity = "medium"
            type = "query"
            language = "kuery"
            index = ["logs-aws.cloudtrail-*"]
            interval = "{interval}"
            from = "{from}"
            max_signals = {maxSignals}
            {overrideLine}{fallbackLine}query = '''
            event.provider:cloudtrail.amazonaws.com and event.action:StopLogging
            '''
            """;
    }

    /// <summary>A StopLogging event at <paramref name="timestamp"/>; <paramref name="id"/> makes its content unique.</summary>
    public static JsonObject StopLogging(DateTimeOffset timestamp, string id, string action = "StopLogging") => new()
    {
        ["@timestamp"] = Format(timestamp),
        ["event"] = new JsonObject
        {
            ["dataset"] = "aws.cloudtrail",
            ["provider"] = "cloudtrail.amazonaws.com",
            ["action"] = action,
            ["id"] = id,
        },
        ["user"] = new JsonObject { ["name"] = "alice" },
    };

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
