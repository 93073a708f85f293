using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;
using Vigil.Map;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// A leaf on a field-name pattern such as <c>file.hash.*</c>: true when any matching field passes.
/// Mapped fields are expanded at compile time, as Kibana expands a pattern over the data view.
/// Fields that only the document has are found per document and tested with the default type.
/// </summary>
internal sealed class PatternMatcher(
    DocumentMatcher[] mappedFields,
    HashSet<string> mappedNames,
    WildcardMatcher namePattern,
    string scopePrefix,
    FieldMapping mapping,
    ValueTest? unmappedFieldTest) : DocumentMatcher
{
    public override bool Matches(JsonNode scope, EcsDocument? document)
    {
        foreach (var field in mappedFields)
        {
            if (field.Matches(scope, document))
            {
                return true;
            }
        }

        return unmappedFieldTest is not null && MatchesUnmappedField(scope, unmappedFieldTest);
    }

    private bool MatchesUnmappedField(JsonNode scope, ValueTest test)
    {
        foreach (var (path, value) in DocumentLeaves.Enumerate(scope))
        {
            var name = scopePrefix + path;
            if (!mappedNames.Contains(name)
                && mapping.Find(name) is null
                && mapping.FlattenedRootOf(name) is null
                && namePattern.IsMatch(name)
                && test.Test(value))
            {
                return true;
            }
        }

        return false;
    }
}
