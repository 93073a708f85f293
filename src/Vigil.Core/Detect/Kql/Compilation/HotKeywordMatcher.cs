using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Compilation.Leaves;
using Vigil.Map;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// A keyword leaf on one of the <see cref="HotFields"/>. On a document whose slot contains the field's
/// value it tests that string directly. Otherwise it runs <paramref name="fallback"/>, which reads
/// the JSON tree.
/// </summary>
internal sealed class HotKeywordMatcher(int slot, KeywordTest test, DocumentMatcher fallback) : DocumentMatcher
{
    public override bool Matches(JsonNode scope, EcsDocument? document)
    {
        switch (document?.HotValue(slot))
        {
            case string text:
                return test.TestKeywordText(text);

            case { } missing when ReferenceEquals(missing, HotFieldValues.Missing):
                return false;

            default:
                return fallback.Matches(scope, document);
        }
    }
}
