using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;
using Vigil.Map;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// A compiled query over one scope: the document root, or one object of a nested field. Queries
/// combine per scope, so <c>not</c> is true when its operand's field is missing.
/// </summary>
internal abstract class DocumentMatcher
{
    /// <summary>
    /// True when <paramref name="scope"/> matches. <paramref name="document"/> is the document when
    /// <paramref name="scope"/> is its root, for its field cache, and null inside a nested object.
    /// </summary>
    public abstract bool Matches(JsonNode scope, EcsDocument? document);
}

internal sealed class ConstantMatcher(bool result) : DocumentMatcher
{
    public static ConstantMatcher Always { get; } = new(true);

    public static ConstantMatcher Never { get; } = new(false);

    public override bool Matches(JsonNode scope, EcsDocument? document) => result;
}

internal sealed class AndMatcher(DocumentMatcher[] operands) : DocumentMatcher
{
    public override bool Matches(JsonNode scope, EcsDocument? document)
    {
        foreach (var operand in operands)
        {
            if (!operand.Matches(scope, document))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class OrMatcher(DocumentMatcher[] operands) : DocumentMatcher
{
    public override bool Matches(JsonNode scope, EcsDocument? document)
    {
        foreach (var operand in operands)
        {
            if (operand.Matches(scope, document))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class NotMatcher(DocumentMatcher operand) : DocumentMatcher
{
    public override bool Matches(JsonNode scope, EcsDocument? document) => !operand.Matches(scope, document);
}

/// <summary>A leaf on one field: some value at the path passes the test.</summary>
internal sealed class FieldMatcher(CompiledPath path, ValueTest test) : DocumentMatcher
{
    public override bool Matches(JsonNode scope, EcsDocument? document) =>
        document is null ? path.Any(scope, test) : path.AnyCached(document.FieldCache, scope, test);
}
