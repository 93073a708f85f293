namespace Vigil.Detect.Kql.Dsl;

/// <summary>
/// A field name with the enclosing nested path put in front, as Kibana's <c>getFullFieldNameNode</c>
/// builds it: a plain name, or a pattern when the name contains wildcards.
/// </summary>
/// <param name="Text">The name; for a pattern, its segments joined with <c>*</c>.</param>
/// <param name="Pattern">The name pattern, or null for a plain name.</param>
internal sealed record FullFieldName(string Text, WildcardText? Pattern)
{
    /// <remarks>
    /// Kibana prefixes the nested path to free text too, whose field is <c>null</c>, so free text inside
    /// <c>path:{ … }</c> queries a field named <c>path.null</c>; this keeps that behaviour.
    /// </remarks>
    public static FullFieldName Of(KqlField field, string? nestedPath)
    {
        // NOTE: the path.null field follows the code of Kibana's getFullFieldNameNode; no Kibana test shows
        // the DSL of free text inside a nested group.
        var prefix = nestedPath is null ? "" : nestedPath + ".";
        if (field.Pattern is not { } pattern)
        {
            return new FullFieldName(prefix + (field.Name ?? "null"), null);
        }

        var segments = pattern.Segments.ToArray();
        segments[0] = prefix + segments[0];
        var prefixed = new WildcardText(segments);
        return new FullFieldName(prefixed.ToPlainText(), prefixed);
    }
}
