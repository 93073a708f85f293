using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Serve;

/// <summary>The alert store as the scheduler uses it.</summary>
internal interface IAlertWriter
{
    /// <summary>True when an alert with <paramref name="alertId"/> (<c>kibana.alert.uuid</c>) is stored.</summary>
    bool Exists(string alertId);

    /// <summary>Stores the alert <paramref name="rule"/> raised; returns false when its id was stored meanwhile.</summary>
    bool Write(string alertId, DetectionRule rule, JsonObject alert);

    /// <summary>Returns how many alerts of the rule with <c>rule_id</c> <paramref name="ruleId"/> are stored.</summary>
    long Count(string ruleId);

    /// <summary>
    /// Returns how many alerts of the rule with <c>rule_id</c> <paramref name="ruleId"/> and
    /// saved-object id <paramref name="ruleUuid"/> (<c>kibana.alert.rule.uuid</c>) are stored.
    /// </summary>
    long Count(string ruleId, string ruleUuid);
}
