namespace Vigil.Detect.Kql;

/// <summary>One field of a <see cref="FieldMapping"/>.</summary>
/// <param name="Name">The full dotted field name.</param>
/// <param name="Type">The Elasticsearch type.</param>
public sealed record MappedField(string Name, FieldType Type)
{
    /// <summary>Longest string (in UTF-16 code units) that is indexed; longer values are invisible to queries.</summary>
    public int? IgnoreAbove { get; init; }

    /// <summary>For <c>constant_keyword</c>: the index-wide value every document has.</summary>
    public string? ConstantValue { get; init; }

    /// <summary>
    /// For a multi-field such as <c>message.text</c>: the field whose <c>_source</c> value it indexes.
    /// Null for ordinary fields.
    /// </summary>
    public string? SourceField { get; init; }

    /// <summary>
    /// For an <c>alias</c>: the full name of the field it stands for, whose type and values it takes.
    /// Null for other fields.
    /// </summary>
    public string? AliasTarget { get; init; }
}
