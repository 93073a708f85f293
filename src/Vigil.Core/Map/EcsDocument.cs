using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// An ECS document as Elasticsearch would hold it in <c>_source</c>: a nested JSON object.
/// </summary>
/// <remarks>
/// Queries read values by dotted field path (see <see cref="FieldValues"/>); outputs serialize
/// <see cref="Root"/> as it is.
/// </remarks>
public sealed partial class EcsDocument
{
    /// <summary>The data stream every CloudTrail event is written to by Elastic's AWS integration.</summary>
    public const string CloudTrailDataStream = "logs-aws.cloudtrail-default";

    /// <summary>Creates a document over <paramref name="root"/>, which it takes ownership of.</summary>
    public EcsDocument(JsonObject root, string dataStream = CloudTrailDataStream)
    {
        ArgumentNullException.ThrowIfNull(root);

        Root = root;
        DataStream = dataStream;
    }

    private FieldValueCache? _fieldCache;

    private HotFieldValues _hotValues;

    /// <summary>The document body.</summary>
    public JsonObject Root { get; }

    /// <summary>Field values read by compiled KQL queries, created on first use.</summary>
    internal FieldValueCache FieldCache => LazyInitializer.EnsureInitialized(ref _fieldCache);

    /// <summary>
    /// Returns the slot of hot field <paramref name="slot"/> (see <see cref="HotFieldValues"/>): its only
    /// value as a string, <see cref="HotFieldValues.Missing"/>, or null when a reader must walk <see cref="Root"/>.
    /// </summary>
    internal object? HotValue(int slot) => _hotValues[slot];

    /// <summary>
    /// Reads the <see cref="HotFields"/> from <see cref="Root"/> into their slots. Call it once the
    /// document is complete: the slots are not updated when <see cref="Root"/> changes.
    /// </summary>
    internal void FillHotValues() => HotFieldReader.Fill(Root, ref _hotValues);

    /// <summary>The data stream (index) name the document belongs to, matched against rule index patterns.</summary>
    public string DataStream { get; }

    /// <summary>
    /// Returns every non-null leaf value at <paramref name="field"/>, the way Elasticsearch expands
    /// <c>_source</c>: dotted keys and nested objects are the same path, and arrays flatten.
    /// </summary>
    public IEnumerable<JsonNode> FieldValues(string field) => FieldPath.Values(Root, field);
}
