using System.Text.Json.Nodes;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>
/// The fields of Kibana's unit-test data view that the DSL cases use. <c>extension</c> and <c>machine.os</c>
/// are strings of unknown Elasticsearch type; the two nested paths hold string children.
/// </summary>
internal static class KibanaStubFields
{
    public static FieldMapping Mapping { get; } = FieldMapping.FromElasticsearchMapping(JsonNode.Parse("""
        {
          "extension": "string",
          "machine.os": "string",
          "machine.os.keyword": "keyword",
          "bytes": "long",
          "@timestamp": "date",
          "nestedField": "nested",
          "nestedField.child": "string",
          "nestedField.nestedChild": "nested",
          "nestedField.nestedChild.doublyNestedChild": "string"
        }
        """)!);
}
