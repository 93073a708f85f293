using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// A test of a parsed raw record, before mapping, of the <c>event.outcome</c> a rule's query
/// demands. The mapper derives the outcome from the raw record (see <see cref="Categorization"/>):
/// <c>failure</c> when <c>errorCode</c> or <c>errorMessage</c> has a value, else <c>success</c>, and for
/// a <c>ConsoleLogin</c> the sign-in's own result. So a rule that demands <c>event.outcome:success</c>
/// need not map a record with an error code.
/// </summary>
/// <remarks>
/// In the pack of Elastic's AWS rules, a fifth of the records mapped for some rule matched none
/// (617 of 3,045 on 64 MB of generated records), most for lack of a successful outcome.
/// </remarks>
/// <param name="Filter">The values <c>event.outcome</c> may hold.</param>
internal sealed record OutcomeCheck(KqlValueFilter Filter)
{
    private const string OutcomeField = "event.outcome";

    /// <summary>Returns the check of a query that rules out <c>success</c> or <c>failure</c>, or null for one that allows both.</summary>
    public static OutcomeCheck? For(KqlNode query, FieldMapping mapping) =>
        KqlValueFilter.For(query, OutcomeField, mapping) is { } filter && !(filter.MayHold("success") && filter.MayHold("failure"))
            ? new OutcomeCheck(filter)
            : null;

    /// <summary>Returns <c>false</c> when the outcome the mapper would give <paramref name="record"/> is one the query rules out.</summary>
    public bool MayMatch(JsonObject record)
    {
        if (!ParsedJson.TryGetElement(record, out var parsed) || parsed.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        // A sign-in's outcome comes from its response, which is left to the mapper.
        if (parsed.TryGetProperty("eventName", out var name) && name.ValueKind == JsonValueKind.String && name.ValueEquals("ConsoleLogin"))
        {
            return true;
        }

        var errorCode = PresenceOf(parsed, "errorCode");
        var errorMessage = PresenceOf(parsed, "errorMessage");
        if (errorCode == Presence.Unknown || errorMessage == Presence.Unknown)
        {
            return true;
        }

        return Filter.MayHold(errorCode == Presence.Yes || errorMessage == Presence.Yes ? "failure" : "success");
    }

    /// <summary>Whether the mapper keeps a raw field's value, as its pre-clean decides.</summary>
    private static Presence PresenceOf(JsonElement record, string key)
    {
        if (!record.TryGetProperty(key, out var value))
        {
            return Presence.No;
        }

        if (EmptyValueCleaner.PreCleanDeletes(value))
        {
            return Presence.No;
        }

        // An object or an array is kept unless the pre-clean empties it, which only mapping shows.
        return value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? Presence.Unknown : Presence.Yes;
    }

    /// <summary>Whether a raw field's value survives the pre-clean.</summary>
    private enum Presence
    {
        No,
        Yes,
        Unknown,
    }
}
