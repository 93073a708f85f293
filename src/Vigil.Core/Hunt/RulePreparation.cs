using Vigil.Alert;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Filters;
using Vigil.Detect.Rules.Validation;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// Compiles the rules a hunt can run and explains each one it cannot, so no rule is dropped silently.
/// </summary>
internal static class RulePreparation
{
    private const string ActionField = "event.action";
    private const string ProviderField = "event.provider";

    // Above this many bytes of rule fields per alert, a batch keeps events rather than alert text.
    // A rule with a 0.9 MB query wrote 986 KB alerts, and batches of them peaked at 4.5 GB.
    private const int LargeAlertBytes = 64 * 1024;

    public static (IReadOnlyList<PreparedRule> Runnable, IReadOnlyList<SkippedRule> Skipped) Prepare(
        IEnumerable<DetectionRule> rules,
        HuntOptions options,
        FieldMapping mapping)
    {
        var runnable = new List<PreparedRule>();
        var skipped = new List<SkippedRule>();

        // Only the newest revision of a rule_id runs, as in Kibana: the alert ids of two revisions
        // would be the same, so the alerts of the first to match would hide the other's.
        var (newest, superseded) = NewestRevisions.Select([.. rules]);
        skipped.AddRange(superseded.Select(revision => new SkippedRule(revision.Rule, revision.Reason)));

        foreach (var rule in newest)
        {
            var reason = Prepare(rule, options, mapping, out var prepared);
            if (prepared is not null)
            {
                runnable.Add(prepared);
            }
            else
            {
                skipped.Add(new SkippedRule(rule, reason!));
            }
        }

        return (runnable, skipped);
    }

    private static string? Prepare(DetectionRule rule, HuntOptions options, FieldMapping mapping, out PreparedRule? prepared)
    {
        prepared = null;

        if (RuleSupport.Unsupported(rule) is { } unsupported)
        {
            return unsupported;
        }

        var compiled = RuleQuery.Compile(rule, mapping);
        if (compiled.Error is not null)
        {
            return compiled.Error;
        }

        if (RuleMappings.Problems(rule) is [var (_, mappingProblem), ..])
        {
            return mappingProblem;
        }

        // Routing and prefilters come from the KQL query alone: the filters only narrow its matches further.
        var window = new RuleWindow(rule.TimestampOverride, rule.TimestampOverrideFallbackDisabled, options.From, options.To);
        var query = Kql.Parse(rule.Query ?? string.Empty).Query!;
        var actions = KqlValueFilter.For(query, ActionField, mapping);
        var providers = KqlValueFilter.For(query, ProviderField, mapping);
        prepared = new PreparedRule(rule, compiled.Matches!, window, actions, providers, LiteralsFor(query, mapping, actions, providers), RawChecksFor(query, mapping), OutcomeCheck.For(query, mapping))
        {
            LargeAlerts = AlertRuleFields.EncodedLength(rule) > LargeAlertBytes,
        };
        return null;
    }

    /// <summary>
    /// Returns the raw checks of a rule: one per single-source verbatim field, and one per key of a
    /// payload's flattened copy, that its query narrows to exact values or wildcards. A query that
    /// allows an empty value is left to itself, because the mapper drops empty strings.
    /// </summary>
    private static RawFieldCheck[] RawChecksFor(KqlNode query, FieldMapping mapping)
    {
        var singleSources = VerbatimFields.SingleSources
            .Select(field => (Path: field.Value, Filter: KqlValueFilter.For(query, field.Key, mapping), AnyParentMayMatch: false));
        var payloadKeys = PayloadKeys(query)
            .Select(key => (Path: key.RawPath, Filter: KqlValueFilter.For(query, key.Field, mapping), AnyParentMayMatch: true));

        return
        [
            .. singleSources.Concat(payloadKeys)
                .Where(check => check.Filter is not null && !check.Filter.MayHold(string.Empty))
                .Select(check => new RawFieldCheck(check.Path, check.Filter!, check.AnyParentMayMatch)),
        ];
    }

    /// <summary>
    /// Returns the flattened payload fields the query names with one key below the payload, such as
    /// <c>aws.cloudtrail.flattened.request_parameters.key</c>, with the raw path they copy. A longer
    /// key path is left out: a raw key may itself contain dots.
    /// </summary>
    private static IEnumerable<(string Field, string RawPath)> PayloadKeys(KqlNode query) =>
        QueryFields(query)
            .Distinct(StringComparer.Ordinal)
            .Select(field => (Field: field, RawPath: VerbatimFields.PayloadKeyRawPath(field)))
            .Where(key => key.RawPath is not null)
            .Select(key => (key.Field, key.RawPath!));

    private static IEnumerable<string> QueryFields(KqlNode node) => node switch
    {
        KqlIs { Field: { IsPattern: false, Name: { } name } } => [name],
        KqlAnd and => and.Operands.SelectMany(QueryFields),
        KqlOr or => or.Operands.SelectMany(QueryFields),
        _ => [],
    };

    /// <summary>
    /// Returns the literal test of a rule, from the fields routing does not already narrow: a routed
    /// record has the rule's action or provider, so a literal of those fields would only cost a search.
    /// </summary>
    private static RecordLiterals? LiteralsFor(KqlNode query, FieldMapping mapping, KqlValueFilter? actions, KqlValueFilter? providers)
    {
        bool IsUnrouted(string field) =>
            !(actions is not null && field == ActionField) && !(providers is not null && field == ProviderField);

        var literals = KqlRequiredLiterals.For(query, mapping, field => VerbatimFields.IsVerbatim(field) && IsUnrouted(field));
        return literals is null ? null : new RecordLiterals(literals);
    }
}
