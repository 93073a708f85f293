namespace Vigil.Detect.Kql;

/// <summary>A node of a parsed KQL query, shaped like Kibana's kuery function nodes.</summary>
public abstract record KqlNode
{
    /// <summary>
    /// The 0-based offset in the query text this node reports errors at: the value of a leaf, the
    /// path of a nested query; -1 for nodes built in code.
    /// </summary>
    public int Position { get; init; } = -1;

    /// <summary>
    /// Returns the canonical s-expression of this node, for example <c>(is "f" "v")</c> or
    /// <c>(and (exists "a") (not (is "b" q"c")))</c>.
    /// </summary>
    public string ToCanonicalString() => KqlAstPrinter.Print(this);

    /// <summary>
    /// Returns KQL text that parses back to this node, for example <c>f:v and not g:"w x"</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An unquoted value has no KQL spelling: it is empty, starts or ends with whitespace, or is <c>true</c>,
    /// <c>false</c> or <c>null</c> (the parser never produces such values).
    /// </exception>
    public string ToQueryText() => KqlQueryPrinter.Print(this);

    /// <inheritdoc/>
    public override string ToString() => ToCanonicalString();
}

/// <summary><c>field:value</c>; a <see cref="KqlField.None"/> field means free text over all fields.</summary>
public sealed record KqlIs(KqlField Field, KqlValue Value) : KqlNode;

/// <summary><c>field:*</c>: the field has at least one indexed value. No field means any field.</summary>
public sealed record KqlExists(KqlField Field) : KqlNode;

/// <summary><c>field &lt; value</c> and the other range operators.</summary>
public sealed record KqlRange(KqlField Field, KqlRangeOperator Operator, KqlValue Value) : KqlNode;

/// <summary><c>path:{ query }</c>: the inner query must hold on one object of the nested field.</summary>
public sealed record KqlNested(KqlField Path, KqlNode Query) : KqlNode;

/// <summary>All operands must hold.</summary>
public sealed record KqlAnd(IReadOnlyList<KqlNode> Operands) : KqlNode;

/// <summary>At least one operand must hold.</summary>
public sealed record KqlOr(IReadOnlyList<KqlNode> Operands) : KqlNode;

/// <summary>The operand must not hold; true when the operand's field is missing.</summary>
public sealed record KqlNot(KqlNode Operand) : KqlNode;

/// <summary>Matches every document: the empty query and <c>*:*</c>.</summary>
public sealed record KqlMatchAll : KqlNode;

/// <summary>A range operator.</summary>
public enum KqlRangeOperator
{
    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,
}
