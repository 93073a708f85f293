using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>Keyword semantics: whole values, case-sensitive, values over <c>ignore_above</c> not indexed.</summary>
internal abstract class KeywordTest(int? ignoreAbove) : ValueTest
{
    public override bool Test(JsonNode value) =>
        ScalarValue.KeywordText(value) is { } text && (ignoreAbove is null || text.Length <= ignoreAbove) && TestText(text);

    /// <summary>Tests the keyword texts the values keep, which are read from JSON once per document.</summary>
    public override bool TestAny(PathValues values)
    {
        foreach (var text in values.KeywordTexts)
        {
            if (text is not null && (ignoreAbove is null || text.Length <= ignoreAbove) && TestText(text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tests one keyword text, applying <c>ignore_above</c>.</summary>
    public bool TestKeywordText(string text) => (ignoreAbove is null || text.Length <= ignoreAbove) && TestText(text);

    protected abstract bool TestText(string text);
}

internal sealed class KeywordExists(int? ignoreAbove) : KeywordTest(ignoreAbove)
{
    protected override bool TestText(string text) => true;
}

internal sealed class KeywordEquals(string expected, int? ignoreAbove) : KeywordTest(ignoreAbove)
{
    private readonly bool _indexable = ignoreAbove is null || expected.Length <= ignoreAbove;

    /// <summary>Compares parsed JSON strings in place, because reading them as strings allocates per value.</summary>
    public override bool Test(JsonNode value)
    {
        if (value is JsonValue scalar
            && scalar.TryGetValue<JsonElement>(out var element)
            && element.ValueKind == JsonValueKind.String)
        {
            return _indexable && element.ValueEquals(expected);
        }

        return base.Test(value);
    }

    protected override bool TestText(string text) => string.Equals(text, expected, StringComparison.Ordinal);
}

internal sealed class KeywordWildcard(WildcardMatcher matcher, int? ignoreAbove) : KeywordTest(ignoreAbove)
{
    protected override bool TestText(string text) => matcher.IsMatch(text);
}

/// <summary>A range over keyword terms, ordered by UTF-8 bytes ("10" &lt; "9", "B" &lt; "a").</summary>
internal sealed class KeywordRange(Bound<string> lower, Bound<string> upper, int? ignoreAbove) : KeywordTest(ignoreAbove)
{
    protected override bool TestText(string text) =>
        lower.AllowsAsLower(lower.IsSet ? Utf8Order.Compare(text, lower.Value) : 0)
        && upper.AllowsAsUpper(upper.IsSet ? Utf8Order.Compare(text, upper.Value) : 0);
}

/// <summary>Passes when any of the tests passes (a query_string of several terms, default operator OR).</summary>
internal sealed class AnyTest(IReadOnlyList<ValueTest> tests) : ValueTest
{
    public override bool Test(JsonNode value)
    {
        foreach (var test in tests)
        {
            if (test.Test(value))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Passes when every test passes on the same value (a range query with both bounds).</summary>
internal sealed class AllTest(IReadOnlyList<ValueTest> tests) : ValueTest
{
    public override bool Test(JsonNode value)
    {
        foreach (var test in tests)
        {
            if (!test.Test(value))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Tests every scalar leaf under a flattened field's root object.</summary>
internal sealed class FlattenedLeavesTest(ValueTest leafTest) : ValueTest
{
    public override bool Test(JsonNode value)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null && Test(child))
                    {
                        return true;
                    }
                }

                return false;

            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null && Test(item))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return leafTest.Test(value);
        }
    }
}

/// <summary>Runs a query on each object of a nested field; one object must satisfy all of it.</summary>
internal sealed class NestedObjectTest(DocumentMatcher inner) : ValueTest
{
    public override bool Test(JsonNode value) => value is JsonObject obj && inner.Matches(obj, null);
}
