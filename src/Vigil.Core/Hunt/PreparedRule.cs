using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>A query rule compiled and ready to test events against.</summary>
/// <param name="Rule">The rule as loaded.</param>
/// <param name="Matches">The compiled query.</param>
/// <param name="Window">The time range the rule searches.</param>
/// <param name="ActionFilter">
/// The test of the <c>event.action</c> values a matching event may hold (exact values and wildcard
/// patterns); null when the query does not narrow them.
/// </param>
/// <param name="ProviderFilter">The same for <c>event.provider</c>.</param>
/// <param name="RequiredLiterals">
/// The literals one of which every matching raw record contains, from the fields other than those
/// the rule is routed by. Null when its query demands no such text.
/// </param>
/// <param name="RawChecks">Tests of the parsed raw record that every match passes; empty when the query demands none.</param>
/// <param name="Outcome">The test of the raw record's outcome; null when the query allows both.</param>
/// <param name="LargeAlerts">
/// Whether each alert repeats so much of the rule (a long query or filter list in its parameters)
/// that a batch must not keep its alerts' text, only the events (see <see cref="DeferredAlerts"/>).
/// </param>
internal sealed record PreparedRule(
    DetectionRule Rule,
    Func<EcsDocument, bool> Matches,
    RuleWindow Window,
    KqlValueFilter? ActionFilter = null,
    KqlValueFilter? ProviderFilter = null,
    RecordLiterals? RequiredLiterals = null,
    IReadOnlyList<RawFieldCheck>? RawChecks = null,
    OutcomeCheck? Outcome = null,
    bool LargeAlerts = false)
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

        return Outcome?.MayMatch(record) ?? true;
    }
}
