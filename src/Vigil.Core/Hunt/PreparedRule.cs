using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>A query rule compiled and ready to test events against.</summary>
/// <param name="Rule">The rule as loaded.</param>
/// <param name="Matches">The compiled query.</param>
/// <param name="Window">The time range the rule searches.</param>
/// <param name="RequiredActions">
/// The <c>event.action</c> values one of which every matching event holds; null when the query
/// does not narrow them, empty when it never matches.
/// </param>
/// <param name="RequiredProviders">The same for <c>event.provider</c>.</param>
/// <param name="RequiredLiterals">
/// The literals one of which every matching raw record contains, from the fields other than those
/// the rule is routed by. Null when its query demands no such text.
/// </param>
/// <param name="RawChecks">Tests of the parsed raw record that every match passes; empty when the query demands none.</param>
internal sealed record PreparedRule(
    DetectionRule Rule,
    Func<EcsDocument, bool> Matches,
    RuleWindow Window,
    IReadOnlySet<string>? RequiredActions = null,
    IReadOnlySet<string>? RequiredProviders = null,
    RecordLiterals? RequiredLiterals = null,
    IReadOnlyList<RawFieldCheck>? RawChecks = null)
{
    /// <summary>Returns <c>false</c> when a raw check rules <paramref name="record"/> out before mapping.</summary>
    public bool MayMatch(JsonObject record)
    {
        foreach (var check in RawChecks ?? [])
        {
            if (!check.MayMatch(record))
            {
                return false;
            }
        }

        return true;
    }
}
