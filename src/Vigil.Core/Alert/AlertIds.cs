using System.Security.Cryptography;
using System.Text;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Alert;

/// <summary>Deterministic ids for alerts and rule executions.</summary>
internal static class AlertIds
{
    /// <summary>
    /// Kibana hashes the event's <c>_version</c> as text, but its event search never requests
    /// versions, so the value hashed is always JavaScript's <c>String(undefined)</c>.
    /// </summary>
    private const string UnrequestedVersion = "undefined";

    /// <summary>
    /// Returns the stand-in for the source event's Elasticsearch <c>_id</c>: the SHA-256 hex of the
    /// document's JSON. Elasticsearch gives every indexed CloudTrail document its own generated id,
    /// while <c>eventID</c> repeats in test corpora and across trails, so the content hash is used.
    /// The hunt removes exact duplicate deliveries first, so each event keeps one id across runs.
    /// </summary>
    public static string SourceId(EcsDocument sourceEvent) => sourceEvent.Sha256Hex();

    /// <summary>
    /// Returns <c>kibana.alert.uuid</c> as Kibana's <c>generateId</c> computes it for query, EQL
    /// (non-sequence) and indicator-match alerts: the SHA-256 hex of index, event id, event version,
    /// and <c>space:rule saved-object id</c>, concatenated.
    /// </summary>
    public static string AlertUuid(string index, string sourceId, string ruleUuid) =>
        Sha256Hex(string.Concat(index, sourceId, UnrequestedVersion, AlertBuilder.SpaceId, ":", ruleUuid));

    /// <summary>
    /// Returns <c>kibana.alert.rule.execution.uuid</c>. Kibana draws a random UUID per run; Vigil
    /// derives one from the rule and the execution time so a repeated hunt gives the same ids.
    /// </summary>
    public static string ExecutionUuid(string ruleUuid, DateTimeOffset executionTime) =>
        NameBasedUuid.Create(
            NameBasedUuid.ExecutionNamespace,
            string.Concat(ruleUuid, "@", KibanaTime.Format(executionTime))).ToString();

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
