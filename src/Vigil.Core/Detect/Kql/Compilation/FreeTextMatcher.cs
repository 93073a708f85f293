using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;
using Vigil.Map;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// A field-less leaf (free text): Kibana sends a lenient <c>multi_match</c> or <c>query_string</c>
/// over <c>index.query.default_field</c>, which is every field by default. Each value is tested with
/// its own field's type; fields of nested objects are not searched.
/// </summary>
internal sealed class FreeTextMatcher(
    Func<FieldType, ValueTest?> testForType,
    string scopePrefix,
    string scope,
    FieldMapping mapping) : DocumentMatcher
{
    private readonly ValueTest?[] _tests = Enum.GetValues<FieldType>().Select(testForType).ToArray();

    public override bool Matches(JsonNode scopeNode, EcsDocument? document)
    {
        foreach (var (path, value) in DocumentLeaves.Enumerate(scopeNode))
        {
            var name = scopePrefix + path;
            if (mapping.NestedPathBetween(scope, name) is null && MatchesField(name, value))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesField(string name, JsonNode value)
    {
        var field = ResolvedField.Resolve(mapping, name);
        if (_tests[(int)field.Type] is { } test && WithinIgnoreAbove(field, value) && test.Test(value))
        {
            return true;
        }

        foreach (var multiField in mapping.MultiFieldsOf(name))
        {
            if (_tests[(int)multiField.Type] is { } multiFieldTest && multiFieldTest.Test(value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WithinIgnoreAbove(ResolvedField field, JsonNode value) =>
        field.IgnoreAbove is not { } limit || ScalarValue.KeywordText(value) is not { } text || text.Length <= limit;
}
