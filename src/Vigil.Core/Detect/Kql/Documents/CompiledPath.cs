using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Detect.Kql.Documents;

/// <summary>
/// A dotted field path split once at compile time. A path reads values the way Elasticsearch expands
/// <c>_source</c>: <c>{"a.b":1}</c>, <c>{"a":{"b":1}}</c> and <c>{"a.b":{…}}</c> all feed <c>a.b</c>
/// (and add up), arrays at any level flatten, and JSON nulls are skipped. Every candidate key is
/// joined ahead of time, so reading allocates nothing.
/// </summary>
internal sealed class CompiledPath
{
    /// <summary>The cache entry of a path read once in a document.</summary>
    private static readonly object ReadOnce = new();

    [ThreadStatic]
    private static List<JsonNode>? t_collected;

    private readonly string[][] _keys;

    public CompiledPath(string path)
    {
        Path = path;
        Slot = FieldValueCache.SlotOf(path);
        var segments = path.Split('.');
        _keys = new string[segments.Length][];
        for (var start = 0; start < segments.Length; start++)
        {
            _keys[start] = new string[segments.Length - start];
            for (var end = start + 1; end <= segments.Length; end++)
            {
                _keys[start][end - start - 1] = string.Join('.', segments[start..end]);
            }
        }
    }

    public string Path { get; }

    /// <summary>The slot of <see cref="Path"/> in every document's <see cref="FieldValueCache"/>.</summary>
    public int Slot { get; }

    /// <summary>Returns every value at this path under <paramref name="scope"/>, in document order.</summary>
    public PathValues Collect(JsonNode scope)
    {
        var values = t_collected ??= [];
        Collect(scope, 0, values);
        var result = values.Count == 0 ? PathValues.None : new PathValues(values.ToArray());
        values.Clear();
        return result;
    }

    /// <summary>
    /// True when some value at this path passes <paramref name="test"/>, like <see cref="Any(JsonNode?, ValueTest)"/>.
    /// The first read of the path in a document walks the tree and stops at the first passing value, which
    /// is cheapest for a document only one query reads. The second read collects the values into
    /// <paramref name="cache"/>, and later reads use them.
    /// </summary>
    public bool AnyCached(FieldValueCache cache, JsonNode root, ValueTest test)
    {
        switch (cache.Find(Slot))
        {
            case PathValues values:
                return test.TestAny(values);

            case null:
                cache.Store(Slot, ReadOnce);
                return Any(root, test);

            default:
                return test.TestAny(cache.Store(Slot, Collect(root)));
        }
    }

    /// <summary>True when some value at this path under <paramref name="scope"/> passes <paramref name="test"/>.</summary>
    public bool Any(JsonNode? scope, ValueTest test) => Any(scope, 0, test);

    private bool Any(JsonNode? node, int start, ValueTest test)
    {
        switch (node)
        {
            case null:
                return false;

            case JsonArray array:
                foreach (var item in array)
                {
                    if (Any(item, start, test))
                    {
                        return true;
                    }
                }

                return false;

            case JsonObject obj when start < _keys.Length:
                var keys = _keys[start];
                for (var i = 0; i < keys.Length; i++)
                {
                    if (obj.TryGetPropertyValue(keys[i], out var child) && Any(child, start + i + 1, test))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return start == _keys.Length && test.Test(node);
        }
    }

    /// <summary>Walks the same candidates as <see cref="Any(JsonNode?, int, ValueTest)"/>, keeping every value.</summary>
    private void Collect(JsonNode? node, int start, List<JsonNode> values)
    {
        switch (node)
        {
            case null:
                return;

            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, start, values);
                }

                return;

            case JsonObject obj when start < _keys.Length:
                CollectProperties(obj, start, values);
                return;

            default:
                if (start == _keys.Length)
                {
                    values.Add(node);
                }

                return;
        }
    }

    /// <summary>
    /// Visits the properties of <paramref name="obj"/> whose key is a candidate at <paramref name="start"/>.
    /// Scanning the keys costs a length comparison each, where probing every candidate hashes each one.
    /// </summary>
    private void CollectProperties(JsonObject obj, int start, List<JsonNode> values)
    {
        var keys = _keys[start];
        for (var p = 0; p < obj.Count; p++)
        {
            var (key, child) = obj.GetAt(p);
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i].Length == key.Length && string.Equals(keys[i], key, StringComparison.Ordinal))
                {
                    Collect(child, start + i + 1, values);
                    break;
                }
            }
        }
    }
}
