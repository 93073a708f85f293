using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// A compiled query over one scope: the document root, or one object of a nested field. Queries
/// combine per scope, so <c>not</c> is true when its operand's field is missing.
/// </summary>
internal abstract class DocumentMatcher
{
    public abstract bool Matches(JsonNode scope);
}

internal sealed class ConstantMatcher(bool result) : DocumentMatcher
{
    public static ConstantMatcher Always { get; } = new(true);

    public static ConstantMatcher Never { get; } = new(false);

    public override bool Matches(JsonNode scope) => result;
}

internal sealed class AndMatcher(DocumentMatcher[] operands) : DocumentMatcher
{
    public override bool Matches(JsonNode scope)
    {
        foreach (var operand in operands)
        {
            if (!operand.Matches(scope))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class OrMatcher(DocumentMatcher[] operands) : DocumentMatcher
{
    public override bool Matches(JsonNode scope)
    {
        foreach (var operand in operands)
        {
            if (operand.Matches(scope))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class NotMatcher(DocumentMatcher operand) : DocumentMatcher
{
    public override bool Matches(JsonNode scope) => !operand.Matches(scope);
}

/// <summary>A leaf on one field: some value at the path passes the test.</summary>
internal sealed class FieldMatcher(CompiledPath path, ValueTest test) : DocumentMatcher
{
    public override bool Matches(JsonNode scope) => path.Any(scope, test);
}
