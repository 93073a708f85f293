using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Documents;

/// <summary>
/// A dotted field path split once at compile time. A path reads values the way Elasticsearch expands
/// <c>_source</c>: <c>{"a.b":1}</c>, <c>{"a":{"b":1}}</c> and <c>{"a.b":{…}}</c> all feed <c>a.b</c>
/// (and add up), arrays at any level flatten, and JSON nulls are skipped. Every candidate key is
/// joined ahead of time, so reading allocates nothing.
/// </summary>
internal sealed class CompiledPath
{
    private readonly string[][] _keys;

    public CompiledPath(string path)
    {
        Path = path;
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
}
