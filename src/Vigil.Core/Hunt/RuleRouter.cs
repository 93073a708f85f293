using System.Runtime.CompilerServices;
using Vigil.Detect.Kql;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// Picks the rules that can match a record from its raw <c>eventName</c> and <c>eventSource</c>,
/// which the mapper copies verbatim to <c>event.action</c> and <c>event.provider</c>.
/// </summary>
/// <remarks>
/// A rule whose query narrows those fields to exact values or wildcard patterns (see
/// <see cref="KqlValueFilter"/>) is a candidate only for records holding a value it allows. A field that is not a string in the record
/// (a number, an array, null) makes every rule a candidate, because the mapper renders such values
/// and the rendering is not checked here. A rule may also require literals of its other fields
/// (see <see cref="RecordLiterals"/>), which are looked for in the record's raw JSON when the caller
/// has it. One router per worker thread: the cache is not locked.
/// </remarks>
internal sealed class RuleRouter
{
    // Event names come from the input, so the cache of candidate lists is bounded.
    private const int MaxCachedPairs = 4096;

    private readonly IReadOnlyList<PreparedRule> _rules;
    private readonly bool _routing;
    private readonly Dictionary<(TopLevelValue, TopLevelValue), Route> _cache = [];

    // The scanner shares the strings of repeated names, so most lookups find the very same
    // instances in a table of recent pairs, indexed by their identities; comparing references skips
    // hashing the texts. A dictionary with a comparer of references cost 1.7 % of a hunt whose rule
    // matched nothing.
    private const int RecentPairs = 1024;
    private readonly RecentPair[] _recent = new RecentPair[RecentPairs];

    // A hunt's scan gives the two fields as hashes of their text (TopLevelValue.Hash), and known
    // pairs are found by those alone: first in a table of recent pairs, then in a bounded
    // dictionary. Two random 64-bit hashes (see QuickContentHash) stand for the text, as the
    // duplicate check's hash stands for a record: pairs of different texts share both only by
    // chance, about 2⁻¹²⁸ per pair of pairs.
    private const int RecentHashedPairs = 2048;
    private readonly HashedPair[] _recentHashed = new HashedPair[RecentHashedPairs];
    private readonly Dictionary<(ulong Name, ulong Source), Route> _hashedCache = [];

    /// <param name="rules">The rules in hunt order, which candidate lists keep.</param>
    /// <param name="routing">
    /// When true, a record is evaluated by its candidate rules only. When false, it is evaluated by
    /// every rule as soon as one rule is a candidate.
    /// </param>
    public RuleRouter(IReadOnlyList<PreparedRule> rules, bool routing)
    {
        _rules = rules;
        _routing = routing;
    }

    /// <summary>Every rule, for records whose fields are not known before parsing.</summary>
    public IReadOnlyList<PreparedRule> All => _rules;

    /// <summary>
    /// Returns the rules to evaluate on a record with these fields, empty when none can match. Rules
    /// with required literals stay candidates, because the record's raw text is not known here.
    /// </summary>
    public IReadOnlyList<PreparedRule> Candidates(TopLevelValue eventName, TopLevelValue eventSource) =>
        RouteOf(eventName, eventSource).Candidates;

    /// <summary>
    /// Returns the rules to evaluate on a record with these fields and this raw JSON, without the rules
    /// whose required literals <paramref name="json"/> cannot contain. Empty when none can match.
    /// </summary>
    /// <param name="eventName">The record's <c>eventName</c>, as text or as a hunt's scan hashed it.</param>
    /// <param name="eventSource">The record's <c>eventSource</c>, as text or as a hunt's scan hashed it.</param>
    /// <param name="json">The record's raw JSON.</param>
    /// <param name="scanner">
    /// The scanner that read the record, which returns the two fields' text when their hashes are new
    /// here. Null when the values already carry their text.
    /// </param>
    public IReadOnlyList<PreparedRule> Candidates(TopLevelValue eventName, TopLevelValue eventSource, ReadOnlySpan<byte> json, RecordScanner? scanner = null)
    {
        var route = scanner is null ? RouteOf(eventName, eventSource) : RouteOfHashed(eventName, eventSource, scanner);
        if (route.LiteralRules.Length == 0)
        {
            return route.Candidates;
        }

        var passed = 0;
        foreach (var rule in route.LiteralRules)
        {
            passed += rule.RequiredLiterals!.MayContain(json) ? 1 : 0;
        }

        if (passed == route.LiteralRules.Length)
        {
            return route.Candidates;
        }

        // Only a mix of passing and failing literal rules builds a list per record, and that needs
        // two or more rules with literal tests on one route.
        return passed == 0 ? route.WithoutLiteralRules : Expand(Passing(route.Routed, json));
    }

    private static PreparedRule[] Passing(PreparedRule[] routed, ReadOnlySpan<byte> json)
    {
        var passing = new List<PreparedRule>(routed.Length);
        foreach (var rule in routed)
        {
            if (rule.RequiredLiterals?.MayContain(json) != false)
            {
                passing.Add(rule);
            }
        }

        return [.. passing];
    }

    private Route RouteOf(TopLevelValue eventName, TopLevelValue eventSource)
    {
        ref var recent = ref _recent[RecentSlot(eventName, eventSource)];
        if (recent.Route is { } known && Same(recent.Name, eventName) && Same(recent.Source, eventSource))
        {
            return known;
        }

        var key = (eventName, eventSource);
        if (!_cache.TryGetValue(key, out var route))
        {
            route = Select(eventName, eventSource);
            if (_cache.Count < MaxCachedPairs)
            {
                _cache[key] = route;
            }
        }

        recent = new RecentPair(eventName, eventSource, route);
        return route;
    }

    private Route RouteOfHashed(TopLevelValue eventName, TopLevelValue eventSource, RecordScanner scanner)
    {
        var key = (KeyOf(eventName), KeyOf(eventSource));
        ref var recent = ref _recentHashed[HashedSlot(key.Item1, key.Item2)];
        if (recent.Route is { } known && recent.Name == key.Item1 && recent.Source == key.Item2)
        {
            return known;
        }

        if (!_hashedCache.TryGetValue(key, out var route))
        {
            var (name, source) = scanner.RoutingTexts(eventName, eventSource);
            route = RouteOf(name, source);
            if (_hashedCache.Count < MaxCachedPairs)
            {
                _hashedCache[key] = route;
            }
        }

        recent = new HashedPair(key.Item1, key.Item2, route);
        return route;
    }

    /// <summary>Returns a string's hash, or for an absent or non-string field its kind, which a random hash equals only by chance.</summary>
    private static ulong KeyOf(TopLevelValue value) => value.Kind == TopLevelValueKind.String ? value.Hash : (ulong)value.Kind;

    private static int HashedSlot(ulong name, ulong source) =>
        (int)(((name * 0x9E3779B97F4A7C15) ^ source) >> (64 - 11)) & (RecentHashedPairs - 1);

    private static bool Same(TopLevelValue left, TopLevelValue right) => left.Kind == right.Kind && ReferenceEquals(left.Text, right.Text);

    private static int RecentSlot(TopLevelValue eventName, TopLevelValue eventSource)
    {
        var identity = (uint)RuntimeHelpers.GetHashCode(eventName.Text) * 0x9E3779B1u;
        identity ^= (uint)RuntimeHelpers.GetHashCode(eventSource.Text) + ((uint)eventName.Kind << 8) + (uint)eventSource.Kind;
        return (int)((identity * 0x85EBCA6Bu) >> 22);
    }

    private Route Select(TopLevelValue eventName, TopLevelValue eventSource)
    {
        var routed = _rules
            .Where(rule => CanHold(rule.ActionFilter, eventName) && CanHold(rule.ProviderFilter, eventSource))
            .ToArray();
        var literalRules = routed.Where(rule => rule.RequiredLiterals is not null).ToArray();
        var withoutLiteralRules = routed.Where(rule => rule.RequiredLiterals is null).ToArray();
        return new Route(routed, Expand(routed), literalRules, Expand(withoutLiteralRules));
    }

    private PreparedRule[] Expand(PreparedRule[] candidates) => _routing || candidates.Length == 0 ? candidates : [.. _rules];

    private static bool CanHold(KqlValueFilter? filter, TopLevelValue value) => value.Kind switch
    {
        _ when filter is null => true,

        // The mapper drops empty strings, so a query that allows an empty value is left to itself.
        _ when filter.MayHold(string.Empty) => true,
        TopLevelValueKind.Other => true,
        TopLevelValueKind.String => filter.MayHold(value.Text!),
        _ => false,
    };

    /// <summary>The rules a pair of field values routes to.</summary>
    /// <param name="Routed">The routed rules in hunt order.</param>
    /// <param name="Candidates">The rules to evaluate when every literal test passes.</param>
    /// <param name="LiteralRules">The routed rules with a literal test.</param>
    /// <param name="WithoutLiteralRules">The rules to evaluate when every literal test fails.</param>
    private sealed record Route(PreparedRule[] Routed, PreparedRule[] Candidates, PreparedRule[] LiteralRules, PreparedRule[] WithoutLiteralRules);

    /// <summary>A pair of field hashes seen recently, with the route found for them.</summary>
    private readonly record struct HashedPair(ulong Name, ulong Source, Route? Route);

    /// <summary>A pair of field values seen recently, with the route found for them.</summary>
    private readonly record struct RecentPair(TopLevelValue Name, TopLevelValue Source, Route? Route);
}
