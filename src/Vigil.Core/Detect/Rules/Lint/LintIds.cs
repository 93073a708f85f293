namespace Vigil.Detect.Rules.Lint;

/// <summary>The stable ids of lint findings. An id never changes meaning once released.</summary>
public static class LintIds
{
    /// <summary>An <c>event.action</c> value that no <c>event.provider</c> of the query logs.</summary>
    public const string ActionNotLoggedByProvider = "VR001";

    /// <summary>An <c>event.action</c> value that is a value of another field, such as the user identity type <c>AssumedRole</c>.</summary>
    public const string ActionIsValueOfOtherField = "VR002";

    /// <summary>An <c>event.action</c> value that is an IAM permission, such as <c>PassRole</c>, which CloudTrail never logs as an event.</summary>
    public const string ActionIsPermission = "VR003";

    /// <summary>An <c>event.provider</c> value that is no AWS event source.</summary>
    public const string UnknownProvider = "VR004";

    /// <summary>A value that a field with a known set of values never has.</summary>
    public const string ImpossibleValue = "VR005";

    /// <summary>Two conditions on a single-valued field that can never both hold.</summary>
    public const string ContradictoryValues = "VR006";

    /// <summary><c>not f:*</c> together with a condition on <c>f</c>.</summary>
    public const string MissingAndPresent = "VR007";

    /// <summary>Index patterns that no known data stream matches.</summary>
    public const string UnmatchedIndexPatterns = "VR008";

    /// <summary>A rule without a MITRE ATT&amp;CK mapping.</summary>
    public const string NoThreatMapping = "VR009";

    /// <summary>A value that the field's mapped type cannot hold, such as <c>source.port:https</c>.</summary>
    public const string WrongValueType = "VR010";

    /// <summary>
    /// A MITRE ATT&amp;CK tactic, technique or sub-technique id that does not exist, an id and a name or
    /// reference URL that do not match, or a technique mapped under a tactic it does not belong to.
    /// </summary>
    public const string ThreatMismatch = "VR011";

    /// <summary>A value starting with a wildcard, which makes Elasticsearch scan every term of the field.</summary>
    public const string LeadingWildcard = "VR012";

    /// <summary>A KQL query that does not parse, so the rule can never run.</summary>
    public const string InvalidQuery = "VR013";

    /// <summary>A query field that neither ECS nor the AWS integration's CloudTrail data stream defines.</summary>
    public const string UnknownField = "VR014";

    /// <summary>Exception lists the rule references, which Vigil cannot read, so hunt and serve run the rule without them.</summary>
    public const string ExceptionListsNotApplied = "VR015";

    /// <summary>A filter Vigil cannot apply (hunt and serve skip the rule), or one Elasticsearch rejects.</summary>
    public const string FilterNotApplied = "VR016";

    /// <summary>A key of a Kibana rule JSON that neither Kibana's rule API nor detection-rules defines, so Vigil ignores it.</summary>
    public const string UnknownRuleKey = "VR017";

    /// <summary>A <c>timestamp_override</c> other than <c>event.ingested</c>, which serve and rules run cannot schedule.</summary>
    public const string TimestampOverrideNotScheduled = "VR018";

    /// <summary>A rule file, or a rule in it, that could not be loaded, so nothing in it was linted.</summary>
    public const string NotLoaded = "VR019";

    /// <summary>A rule with the rule_id and revision of another rule linted with it, so a hunt with both runs the rule twice.</summary>
    public const string DuplicateRuleId = "VR020";

    /// <summary>
    /// An older revision of a rule whose newest revision is linted with it, so hunt and serve skip
    /// it. <see cref="Validation.RuleRevisionOrder"/> defines which revision is newer.
    /// </summary>
    public const string OlderRevision = "VR021";

    /// <summary>An exact value longer than the keyword field's <c>ignore_above</c>, which Elasticsearch never indexes, so the condition never matches.</summary>
    public const string ValueAboveIgnoreAbove = "VR022";

    /// <summary>A <c>from</c> that is never before the rule's <c>to</c>, so every window is empty and the rule never alerts.</summary>
    public const string EmptyWindow = "VR023";

    /// <summary>A named pipe, socket or device with a rule file's name in a rule folder, skipped without being read, so nothing in it was linted.</summary>
    public const string FileSkipped = "VR024";

    /// <summary>
    /// A rule that <c>rules validate</c> rejects for a reason no other finding reports, such as a
    /// <c>from</c> or <c>to</c> that is not date math, so hunt and serve do not run it.
    /// </summary>
    public const string InvalidRule = "VR025";

    /// <summary>A <c>max_signals</c> above Kibana's default limit on alerts per rule run, which caps it, so a run writes fewer alerts than the rule sets.</summary>
    public const string MaxSignalsAboveLimit = "VR026";

    /// <summary>A range on a key of a flattened field, which Elasticsearch compares as text, so numbers of other lengths compare in the wrong order.</summary>
    public const string RangeOnFlattenedKey = "VR027";

    /// <summary>A look-back (<c>from</c> to <c>to</c>) shorter than the <c>interval</c>, so Kibana never searches part of the time between runs and reports no gap.</summary>
    public const string LookBackShorterThanInterval = "VR028";

    /// <summary>An <c>interval</c> below Kibana's default minimum rule interval of 1m, which Kibana warns about, or rejects when it enforces the minimum.</summary>
    public const string IntervalBelowMinimum = "VR029";
}
