using Vigil.Alert;
using Vigil.Detect.Rules;

namespace Vigil.Hunt;

/// <summary>
/// Totals of one hunt. Every record read is counted once as an event, an error or a skip, so
/// <see cref="Records"/> always equals <see cref="Events"/> + <see cref="Errors"/> + <see cref="Skipped"/>.
/// </summary>
public sealed class HuntSummary
{
    private readonly Dictionary<string, long> _skippedByReason = new(StringComparer.Ordinal);
    private readonly Dictionary<DetectionRule, long> _alertsByRule = [];
    private readonly Dictionary<DetectionRule, string> _highestSeverityByRule = [];

    public int Files { get; internal set; }

    /// <summary>
    /// Folders among the input that could not be listed, so their files were not read. A folder is
    /// not a file and gives no record, so it counts in neither <see cref="Files"/> nor <see cref="Records"/>.
    /// </summary>
    public int FoldersNotListed { get; internal set; }

    public long Records { get; internal set; }

    public long Events { get; internal set; }

    public long Errors { get; internal set; }

    /// <summary>Events whose mapping partly failed; they have <c>event.kind: pipeline_error</c> and are counted in <see cref="Events"/>.</summary>
    public long EventsWithMappingErrors { get; internal set; }

    /// <summary>Events whose record has neither <c>eventName</c> nor <c>eventTime</c>, which CloudTrail records always have; counted in <see cref="Events"/>.</summary>
    public long EventsWithoutCloudTrailFields { get; internal set; }

    /// <summary>Whether the hunt had <c>--from</c> or <c>--to</c>, so that the two counts below apply.</summary>
    public bool HasTimeRange { get; internal set; }

    /// <summary>Events whose <c>@timestamp</c> is outside the hunt's time range, so no rule searched them. They count in <see cref="Events"/>.</summary>
    public long EventsOutsideTimeRange { get; internal set; }

    /// <summary>
    /// Events without <c>@timestamp</c> (a missing <c>eventTime</c>, or one Elastic cannot parse) in a
    /// hunt with a time range, which therefore left them out. They count in <see cref="Events"/>.
    /// </summary>
    public long EventsWithoutTimestamp { get; internal set; }

    public long Skipped { get; internal set; }

    public long Alerts { get; internal set; }

    /// <summary>
    /// Alerts not written because an alert with the same <c>kibana.alert.uuid</c> was written
    /// before: two events whose ECS documents are equal, such as a record with <c>"errorCode": null</c>
    /// and the same record without it. Kibana's alerts index keeps one document per id too.
    /// </summary>
    public long AlertsWithRepeatedId { get; internal set; }

    /// <summary>Skipped records by reason (digest file, duplicate delivery …).</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason => _skippedByReason;

    /// <summary>Alert count of every rule that ran, zero included, in rule order.</summary>
    public IReadOnlyDictionary<DetectionRule, long> AlertsByRule => _alertsByRule;

    /// <summary>
    /// The highest <c>kibana.alert.severity</c> of each rule's alerts, which a <c>severity_mapping</c>
    /// may raise above the rule's own severity. A rule without alerts has no entry.
    /// </summary>
    public IReadOnlyDictionary<DetectionRule, string> HighestSeverityByRule => _highestSeverityByRule;

    public IReadOnlyList<DetectionRule> RulesRun { get; internal set; } = [];

    public IReadOnlyList<SkippedRule> RulesSkipped { get; internal set; } = [];

    /// <summary>The rules that ran with a warning, once each, in rule order.</summary>
    public IReadOnlyList<RuleNotice> RuleWarnings { get; internal set; } = [];

    public TimeSpan Elapsed { get; internal set; }

    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;

    internal void CountSkip(string reason)
    {
        Skipped++;
        _skippedByReason[reason] = _skippedByReason.GetValueOrDefault(reason) + 1;
    }

    internal void InitRule(DetectionRule rule) => _alertsByRule[rule] = 0;

    internal void CountAlert(DetectionRule rule, string severity)
    {
        Alerts++;
        _alertsByRule[rule]++;
        if (!_highestSeverityByRule.TryGetValue(rule, out var highest) || SeverityOverride.Rank(severity) > SeverityOverride.Rank(highest))
        {
            _highestSeverityByRule[rule] = severity;
        }
    }
}
