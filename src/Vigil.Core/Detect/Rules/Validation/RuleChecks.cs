using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;

namespace Vigil.Detect.Rules.Validation;

/// <summary>The checks of a loaded rule that the TOML reader cannot make field by field.</summary>
internal static class RuleChecks
{
    /// <summary>Rule types whose query is KQL when the language is <c>kuery</c>.</summary>
    private static readonly string[] KqlTypes = ["query", "saved_query", "threshold", "new_terms", "threat_match"];

    public static IEnumerable<RuleProblem> Check(DetectionRule rule)
    {
        foreach (var problem in CheckWindow(rule))
        {
            yield return problem;
        }

        if (CheckQuery(rule) is { } query)
        {
            yield return query;
        }

        if (CheckFilters(rule) is { } filters)
        {
            yield return filters;
        }

        foreach (var (fieldPath, message) in RuleMappings.Problems(rule))
        {
            yield return new RuleProblem(fieldPath, null, message);
        }

        if (CheckHistoryWindow(rule) is { } history)
        {
            yield return history;
        }
    }

    /// <summary>
    /// Returns why hunt and serve cannot apply the rule's filters when the rule is otherwise one they
    /// run, or null. A filter Kibana applies but Vigil cannot is a warning, not an error: the rule
    /// is valid, and Kibana runs it.
    /// </summary>
    public static FilterProblem? UnsupportedFilter(DetectionRule rule) =>
        rule.Type == "query" && HasKqlQuery(rule)
        && RuleQuery.CheckFilters(rule, FieldMapping.CloudTrail) is { IsUnsupported: true } problem
            ? problem with { Message = $"hunt and serve skip this rule: {problem.Message}" }
            : null;

    /// <summary>Returns a filter that Kibana's rule schema or Elasticsearch rejects, as the query check does for the query.</summary>
    public static RuleProblem? CheckFilters(DetectionRule rule)
    {
        if (!HasKqlQuery(rule) || RuleQuery.CheckFilters(rule, FieldMapping.CloudTrail) is not { IsUnsupported: false } problem)
        {
            return null;
        }

        return new RuleProblem(problem.FieldPath, null, problem.Message);
    }

    /// <summary>True when the rule's query is KQL.</summary>
    public static bool HasKqlQuery(DetectionRule rule) =>
        rule.Language == RuleDefaults.KueryLanguage && KqlTypes.Contains(rule.Type, StringComparer.Ordinal);

    /// <summary>Returns the problems of the rule window: <c>from</c> and <c>to</c> date math, and <c>from</c> before <c>to</c>.</summary>
    public static IEnumerable<RuleProblem> CheckWindow(DetectionRule rule)
    {
        var syntax = CheckWindowSyntax(rule).ToList();
        if (syntax.Count > 0)
        {
            return syntax;
        }

        return RuleWindowOrder.Error(rule.From, rule.To) is { } order ? [new RuleProblem("rule.from", null, order)] : [];
    }

    /// <summary>Returns a problem for each of <c>from</c> and <c>to</c> that is not date math relative to now.</summary>
    public static IEnumerable<RuleProblem> CheckWindowSyntax(DetectionRule rule)
    {
        if (!RuleDateMath.TryParseOffset(rule.From, out _))
        {
            yield return new RuleProblem("rule.from", null, $"invalid rule.from \"{rule.From}\": expected date math relative to now, such as \"{RuleDateMath.Example}\" (now, then -N or +N with a unit of s, m, h, d, w, M or y)");
        }

        if (!RuleDateMath.TryParseOffset(rule.To, out _))
        {
            yield return new RuleProblem("rule.to", null, $"invalid rule.to \"{rule.To}\": expected date math relative to now, such as \"now\"");
        }
    }

    public static RuleProblem? CheckQuery(DetectionRule rule)
    {
        if (!HasKqlQuery(rule))
        {
            return null;
        }

        // Compiling with the CloudTrail mapping finds what hunt and serve would reject too: a
        // syntax error, or a query Elasticsearch rejects for the field's type.
        return Kql.Kql.Compile(rule.Query, FieldMapping.CloudTrail).Error switch
        {
            KqlSyntaxError error => new RuleProblem("rule.query", error.Position, $"invalid KQL in rule.query at query offset {error.Position}: {error.Message}; fix the query at this position"),
            KqlQueryError error => new RuleProblem("rule.query", error.Position, $"invalid query in rule.query at query offset {error.Position}: {error.Message}"),
            _ => null,
        };
    }

    /// <summary>
    /// A new terms rule compares each term against the history window, which must start before the
    /// rule's own window or no term can be new.
    /// </summary>
    public static RuleProblem? CheckHistoryWindow(DetectionRule rule)
    {
        if (rule.Type != "new_terms" || HistoryWindowStart(rule) is not { } start)
        {
            return null;
        }

        if (!RuleDateMath.TryParseOffset(start, out var history))
        {
            return new RuleProblem("rule.new_terms", null, $"invalid history_window_start \"{start}\": expected date math such as \"now-7d\"");
        }

        if (RuleDateMath.TryParseOffset(rule.From, out var from) && history >= from)
        {
            return new RuleProblem("rule.new_terms", null, $"invalid history_window_start \"{start}\": it must start before rule.from \"{rule.From}\"; use an earlier start such as \"now-7d\"");
        }

        return null;
    }

    /// <summary>Returns <c>history_window_start</c> from the TOML nesting or from Kibana's flat field.</summary>
    public static string? HistoryWindowStart(DetectionRule rule)
    {
        if (rule.OtherFields.GetValueOrDefault("history_window_start") is JsonValue flat)
        {
            return flat.GetValue<string>();
        }

        var nested = rule.OtherFields.GetValueOrDefault("new_terms")?["history_window_start"];
        var entry = nested is JsonArray array ? array.FirstOrDefault() : nested;
        return entry?["value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}

/// <summary>One problem of a loaded rule: the field path, the query offset for query problems, and the message.</summary>
internal sealed record RuleProblem(string FieldPath, int? QueryOffset, string Message);
