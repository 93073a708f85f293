using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// Picks the rules that can match a record from its raw <c>eventName</c> and <c>eventSource</c>,
/// which the mapper copies verbatim to <c>event.action</c> and <c>event.provider</c>.
/// </summary>
/// <remarks>
/// A rule whose query demands exact values of those fields (see <c>KqlRequiredValues</c>) is a
/// candidate only for records holding one of them. A field that is not a string in the record
/// (a number, an array, null) makes every rule a candidate, because the mapper renders such values
/// and the rendering is not checked here. One router per worker thread: the cache is not locked.
/// </remarks>
internal sealed class RuleRouter
{
    // Event names come from the input, so the cache of candidate lists is bounded.
    private const int MaxCachedPairs = 4096;

    private readonly IReadOnlyList<PreparedRule> _rules;
    private readonly bool _routing;
    private readonly Dictionary<(TopLevelValue, TopLevelValue), PreparedRule[]> _cache = [];

    /// <param name="rules">The rules in hunt order; candidates keep that order.</param>
    /// <param name="routing">
    /// When true, a record is evaluated by its candidate rules only; when false, by every rule as
    /// soon as one rule is a candidate.
    /// </param>
    public RuleRouter(IReadOnlyList<PreparedRule> rules, bool routing)
    {
        _rules = rules;
        _routing = routing;
    }

    /// <summary>Every rule, for records whose fields are not known before parsing.</summary>
    public IReadOnlyList<PreparedRule> All => _rules;

    /// <summary>Returns the rules to evaluate on a record with these fields; empty when none can match.</summary>
    public IReadOnlyList<PreparedRule> Candidates(TopLevelValue eventName, TopLevelValue eventSource)
    {
        var key = (eventName, eventSource);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var candidates = Select(eventName, eventSource);
        if (_cache.Count < MaxCachedPairs)
        {
            _cache[key] = candidates;
        }

        return candidates;
    }

    private PreparedRule[] Select(TopLevelValue eventName, TopLevelValue eventSource)
    {
        var candidates = _rules
            .Where(rule => CanHold(rule.RequiredActions, eventName) && CanHold(rule.RequiredProviders, eventSource))
            .ToArray();
        return _routing || candidates.Length == 0 ? candidates : [.. _rules];
    }

    private static bool CanHold(IReadOnlySet<string>? required, TopLevelValue value) => value.Kind switch
    {
        _ when required is null => true,

        // The mapper drops empty strings, so a demanded empty value is left to the query itself.
        _ when required.Contains(string.Empty) => true,
        TopLevelValueKind.Other => true,
        TopLevelValueKind.String => required.Contains(value.Text!),
        _ => false,
    };
}
