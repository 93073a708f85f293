using Vigil.Detect.Kql;
using Vigil.Detect.Kql.Compilation;
using Vigil.Map;

namespace Vigil.Detect.Rules.Filters;

/// <summary>
/// The whole search condition of a query rule: its KQL query and its enabled <c>filters</c>, which
/// Kibana's <c>buildEsQuery</c> puts in one <c>bool</c> query so that a document must match both.
/// </summary>
internal sealed class RuleQuery
{
    private RuleQuery(Func<EcsDocument, bool>? matches, string? error, bool filterUnsupported)
    {
        Matches = matches;
        Error = error;
        IsFilterUnsupported = filterUnsupported;
    }

    /// <summary>The compiled condition, or null when the rule cannot run.</summary>
    public Func<EcsDocument, bool>? Matches { get; }

    /// <summary>Why the rule cannot run: an invalid query, an invalid filter or a filter Vigil cannot apply.</summary>
    public string? Error { get; }

    /// <summary>True when <see cref="Error"/> is a filter Kibana applies but Vigil cannot.</summary>
    public bool IsFilterUnsupported { get; }

    /// <summary>Compiles <paramref name="rule"/>'s KQL query and filters against <paramref name="mapping"/>.</summary>
    public static RuleQuery Compile(DetectionRule rule, FieldMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(mapping);

        var compiled = Kql.Kql.Compile(rule.Query ?? string.Empty, mapping);
        if (compiled.Error is not null)
        {
            return new RuleQuery(null, $"invalid query: {compiled.Error}", false);
        }

        var query = compiled.Query!;
        var filters = CompileFilters(rule, mapping, out var problem);
        if (problem is not null)
        {
            return new RuleQuery(null, problem.Message, problem.IsUnsupported);
        }

        return filters is null
            ? new RuleQuery(query.Matches, null, false)
            : new RuleQuery(document => query.Matches(document) && filters.Matches(document.Root, document), null, false);
    }

    /// <summary>
    /// Returns why <paramref name="rule"/>'s filters cannot be applied: a shape Vigil cannot apply,
    /// or a filter Kibana's schema or Elasticsearch rejects. Returns null when they can be.
    /// </summary>
    public static FilterProblem? CheckFilters(DetectionRule rule, FieldMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(mapping);

        CompileFilters(rule, mapping, out var problem);
        return problem;
    }

    /// <summary>Compiles the rule's enabled filters; null when it has none or when <paramref name="problem"/> is set.</summary>
    private static DocumentMatcher? CompileFilters(DetectionRule rule, FieldMapping mapping, out FilterProblem? problem)
    {
        var filters = RuleFilterReader.Read(rule, out problem);
        if (filters is null)
        {
            return null;
        }

        var compiler = new QueryCompiler(mapping, TimeProvider.System);
        var filterCompiler = new FilterCompiler(compiler, mapping);
        var matcher = filterCompiler.Compile(filters);
        if (compiler.FirstError is { } error)
        {
            problem = filterCompiler.FirstErrorLocation is { } location
                ? FilterProblem.Create(false, location.Name, error.Message, location.Path, location.Index)
                : new FilterProblem(false, $"invalid filter on {error.Field}: {error.Message}");
            return null;
        }

        return matcher;
    }
}
