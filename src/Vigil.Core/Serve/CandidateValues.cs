using Vigil.Detect.Kql;

namespace Vigil.Serve;

/// <summary>
/// The <c>event.action</c> and <c>event.provider</c> values one of which every match of a query
/// must have, so a window search reads only candidate rows through the store's indexes; null means any value.
/// </summary>
internal sealed record CandidateValues(IReadOnlySet<string>? Actions, IReadOnlySet<string>? Providers)
{
    public static readonly CandidateValues Any = new(null, null);

    public static CandidateValues For(KqlNode? query, FieldMapping mapping) => query is null
        ? Any
        : new CandidateValues(
            KqlRequiredValues.For(query, "event.action", mapping),
            KqlRequiredValues.For(query, "event.provider", mapping));
}
