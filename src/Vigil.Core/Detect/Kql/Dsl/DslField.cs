namespace Vigil.Detect.Kql.Dsl;

/// <summary>
/// A field as Kibana's data view describes it while building query DSL.
/// </summary>
/// <param name="Name">The full field name, or the name pattern as written when no field matched.</param>
/// <param name="Type">The Elasticsearch type; null when the data view does not list the field.</param>
/// <param name="NestedPath">The innermost nested path the field sits in, or null.</param>
internal sealed record DslField(string Name, FieldType? Type, string? NestedPath)
{
    /// <summary>True for a field whose only Elasticsearch type is <c>keyword</c>: Kibana sends term and wildcard queries.</summary>
    public bool IsKeyword => Type == FieldType.Keyword;

    /// <summary>True for a date field: Kibana sends a range, with the configured time zone.</summary>
    public bool IsDate => Type == FieldType.Date;
}
