using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports <c>event.action</c> values that CloudTrail never logs: names the query's event sources do
/// not log, values of other fields (<c>AssumedRole</c> is a user identity type, the API call is
/// <c>AssumeRole</c>), and IAM permissions that are not API calls (<c>PassRole</c>).
/// </summary>
/// <remarks>
/// A value is checked against the <c>event.provider</c> values that every match of the value's own
/// branch contains one of: those the filters and the <c>and</c>s around the value require. A source
/// named in another branch of an <c>or</c>, or in a <c>should</c> clause, does not count, because
/// an action beside it may come from any source. So a query may be missed, never reported wrongly.
/// Without a catalogued source, only values of other fields and permission names are reported.
/// </remarks>
internal static class EventActionCheck
{
    private const string Action = "event.action";

    private const string Provider = "event.provider";

    private const string LambdaSource = "lambda.amazonaws.com";

    public static void Run(LintContext context)
    {
        var byFilters = Providers(RequiredConditions.OfFilters(context.Rule));
        var byPosition = new Dictionary<int, IReadOnlySet<string>?>();
        if (context.Query is { } query)
        {
            MapProviders(query, byFilters, byPosition);
        }

        // A filter's action meets the sources the query's top level requires too.
        var ruleWide = Providers(RequiredConditions.Of(context.Query, context.Rule));
        foreach (var leaf in context.Leaves.Where(leaf => leaf.Field == Action && !leaf.Negated && (leaf.IsExact || leaf.IsWildcard)))
        {
            var providers = leaf.Filter is null && byPosition.TryGetValue(leaf.Position, out var found) ? found : ruleWide;
            IReadOnlyList<string> sorted = providers is null ? [] : [.. providers.Order(StringComparer.Ordinal)];
            var catalogued = sorted.Count > 0 && sorted.All(CloudTrailEventNames.IsCatalogued);
            Check(context, leaf, catalogued ? sorted : []);
        }
    }

    /// <summary>Records, for each action value of the query, the providers its branch requires.</summary>
    private static void MapProviders(KqlNode node, IReadOnlySet<string>? providers, Dictionary<int, IReadOnlySet<string>?> byPosition)
    {
        switch (node)
        {
            case KqlAnd conjunction:
                var own = Providers(conjunction.Operands.Select(RequiredCondition.Of).OfType<RequiredCondition>());
                var narrowed = own is null ? providers : Narrow(providers, own);
                conjunction.Operands.ToList().ForEach(operand => MapProviders(operand, narrowed, byPosition));
                break;
            case KqlOr disjunction:
                disjunction.Operands.ToList().ForEach(operand => MapProviders(operand, providers, byPosition));
                break;
            case KqlIs { Field.Name: Action } leaf:
                byPosition.TryAdd(leaf.Position, providers);
                break;
        }
    }

    private static IReadOnlySet<string>? Providers(IEnumerable<RequiredCondition> conditions) =>
        conditions
            .Where(condition => condition is { Field: Provider, Kind: RequiredKind.Values })
            .Aggregate((IReadOnlySet<string>?)null, (known, condition) => Narrow(known, condition.Values!));

    private static IReadOnlySet<string> Narrow(IReadOnlySet<string>? known, IReadOnlySet<string> values) =>
        known is null ? values : known.Intersect(values, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);

    private static void Check(LintContext context, QueryLeaf leaf, IReadOnlyList<string> providers)
    {
        var value = leaf.Value!.Text;
        if (leaf.IsExact && CloudTrailEventNames.PermissionOnlyActions.Contains(value))
        {
            ReportPermission(context, leaf, value);
            return;
        }

        if (providers.Count > 0 && !providers.Any(provider => LoggedBy(leaf, provider)))
        {
            ReportNotLogged(context, leaf, value, providers);
            return;
        }

        if (providers.Count == 0 && leaf.IsExact && OtherFields(value) is { Count: > 0 } fields
            && CloudTrailEventNames.SourcesLogging(value).Count == 0)
        {
            context.AtLeaf(LintIds.ActionIsValueOfOtherField, LintSeverity.Error, leaf,
                $"event.action \"{value}\" is a value of {string.Join(", ", fields)}, not an event name, so the condition never matches",
                Suggest(value, CloudTrailEventNames.Sources.SelectMany(CloudTrailEventNames.EventNames)));
        }
    }

    private static bool LoggedBy(QueryLeaf leaf, string provider) =>
        leaf.IsWildcard
            ? leaf.MatchesAny(CloudTrailEventNames.EventNames(provider))
            : CloudTrailEventNames.Logs(provider, leaf.Value!.Text);

    private static void ReportPermission(LintContext context, QueryLeaf leaf, string value) =>
        context.AtLeaf(LintIds.ActionIsPermission, LintSeverity.Error, leaf,
            $"event.action \"{value}\" is an IAM permission, not an API call, so CloudTrail never logs an event with this name",
            "match the call that passes the role instead, such as CreateFunction20150331 (Lambda) or RunInstances (EC2), and the role ARN in its request parameters");

    private static void ReportNotLogged(LintContext context, QueryLeaf leaf, string value, IReadOnlyList<string> providers)
    {
        var sources = string.Join(", ", providers);
        var other = OtherFields(value);
        var message = other.Count > 0
            ? $"event.action \"{value}\" is never logged by event.provider {sources}: it is a value of {string.Join(", ", other)}, not an event name"
            : $"event.action \"{value}\" is never logged by event.provider {sources}";

        var id = other.Count > 0 ? LintIds.ActionIsValueOfOtherField : LintIds.ActionNotLoggedByProvider;
        var fix = Fix(leaf, value, providers);

        // The catalogue can never list every name a source logs, so a name it lacks is only a
        // warning. It is an error when the name is known to be wrong here: a value of another
        // field, or an event that another source logs. Lambda logs some calls with and some
        // without the API version (DeleteFunction and DeleteFunction20150331 are both in real
        // records), so an unversioned Lambda operation is not known to be wrong.
        var unversionedLambda = providers.Contains(LambdaSource) && CloudTrailEventNames.LambdaVersionedName(value) is not null;
        var knownWrong = other.Count > 0
            || (leaf.IsExact && !unversionedLambda && CloudTrailEventNames.SourcesLogging(value).Count > 0);
        var severity = knownWrong ? LintSeverity.Error : LintSeverity.Warning;
        context.AtLeaf(id, severity, leaf, message, fix ?? "check the event name in a real CloudTrail record; calls the console makes to APIs without an SDK model are not catalogued");
    }

    private static string? Fix(QueryLeaf leaf, string value, IReadOnlyList<string> providers)
    {
        var pattern = leaf.IsWildcard ? value : null;
        if (pattern is null && CloudTrailEventNames.LambdaVersionedName(value) is { } versioned && providers.Contains(LambdaSource))
        {
            return $"Lambda logs this call with its API version: use {versioned} or {value}*";
        }

        if (pattern is null && CloudTrailEventNames.SourcesLogging(value) is { Count: > 0 } owners)
        {
            return $"{value} is logged by {string.Join(", ", owners)}: change event.provider to {owners[0]}";
        }

        return Suggest(value.Replace("*", "", StringComparison.Ordinal), providers.SelectMany(CloudTrailEventNames.EventNames));
    }

    /// <summary>
    /// Suggests the name that differs only in case, because event.action is a keyword field and its
    /// match is case-sensitive (ADDUSERTOGROUP for AddUserToGroup). Else suggests the names that
    /// start with <paramref name="value"/>, shortest first, because a name cut short
    /// (ReplaceIamInstanceProfile for ReplaceIamInstanceProfileAssociation) is often closer in edit
    /// distance to another call. Without such a name, suggests the nearest by edit distance.
    /// </summary>
    private static string? Suggest(string value, IEnumerable<string> names)
    {
        var candidates = names.Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<string> nearest = value.Length == 0
            ? []
            : [.. candidates.Where(name => string.Equals(name, value, StringComparison.OrdinalIgnoreCase)).Take(3)];
        if (nearest.Count == 0 && value.Length > 0)
        {
            nearest = [.. candidates.Where(name => name.StartsWith(value, StringComparison.Ordinal))
                .OrderBy(name => name.Length)
                .ThenBy(name => name, StringComparer.Ordinal)
                .Take(3)];
        }

        if (nearest.Count == 0)
        {
            nearest = EditDistance.Nearest(value, candidates);
        }

        return nearest.Count > 0 ? $"did you mean {string.Join(" or ", nearest)}?" : null;
    }

    private static IReadOnlyList<string> OtherFields(string value) => KnownFieldValues.FieldsWithValue(value, Action);
}
