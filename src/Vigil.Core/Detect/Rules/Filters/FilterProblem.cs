namespace Vigil.Detect.Rules.Filters;

/// <summary>Why a rule's <c>filters</c> cannot be applied.</summary>
/// <param name="IsUnsupported">
/// True for a filter Kibana applies but Vigil cannot; false for one Kibana's rule schema or
/// Elasticsearch rejects, so the rule fails in Kibana too.
/// </param>
/// <param name="Message">The filter, what is wrong with it, the fix, and the JSON path.</param>
/// <param name="Index">The position of the filter in <c>filters</c>, or -1 when unknown.</param>
internal sealed record FilterProblem(bool IsUnsupported, string Message, int Index = -1)
{
    /// <summary>The rule field path of the filter, such as <c>rule.filters[1]</c>, to place the problem in the file.</summary>
    public string FieldPath => Index >= 0 ? $"rule.{RuleFilterReader.Field}[{Index}]" : $"rule.{RuleFilterReader.Field}";

    /// <summary>The message without the fix, for output that shows the fix on its own.</summary>
    public string Summary { get; init; } = Message;

    /// <summary>The fix, or null when the message gives none.</summary>
    public string? Fix { get; init; }

    /// <summary>
    /// Creates the problem of the filter <paramref name="name"/>. <paramref name="detail"/> is what is
    /// wrong, then <c>"; "</c> and the fix, and <paramref name="path"/> is the JSON path of the part at fault.
    /// </summary>
    public static FilterProblem Create(bool isUnsupported, string name, string detail, string path, int index)
    {
        var lead = isUnsupported ? $"filter {name}" : $"invalid filter {name}";
        var split = detail.LastIndexOf("; ", StringComparison.Ordinal);
        var fault = split < 0 ? detail : detail[..split];
        return new FilterProblem(isUnsupported, $"{lead}: {detail} (at {path})", index)
        {
            Summary = $"{lead}: {fault} (at {path})",
            Fix = split < 0 ? null : detail[(split + 2)..],
        };
    }
}
