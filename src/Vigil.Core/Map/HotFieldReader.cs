using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Reads the <see cref="HotFields"/> of a finished document with the expansion of
/// <see cref="FieldPath.Values"/>: dotted keys and nested objects feed the same path, arrays
/// flatten and nulls are skipped. One walk visits each object on a hot path once and matches each
/// of its keys against a tree of the hot paths' segments. The cost grows with the properties of
/// those objects, not with the number of hot fields.
/// </summary>
internal static class HotFieldReader
{
    private static readonly PathNode Paths = PathNode.Build();

    /// <summary>Fills every slot of <paramref name="slots"/> from <paramref name="root"/>.</summary>
    public static void Fill(JsonObject root, ref HotFieldValues slots)
    {
        Span<int> counts = stackalloc int[HotFields.Count];
        var firsts = new JsonNode?[HotFields.Count];
        Visit(root, Paths, counts, firsts);
        for (var slot = 0; slot < HotFields.Count; slot++)
        {
            slots[slot] = counts[slot] switch
            {
                0 => HotFieldValues.Missing,
                1 when firsts[slot] is JsonValue value && value.GetValueKind() == JsonValueKind.String => HotValuePool.Intern(value.GetValue<string>()),
                _ => null,
            };
        }
    }

    private static void Visit(JsonNode? node, PathNode path, Span<int> counts, JsonNode?[] firsts)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, path, counts, firsts);
                }

                return;

            case JsonObject obj:
                for (var i = 0; i < obj.Count; i++)
                {
                    var (key, child) = obj.GetAt(i);
                    if (path.Follow(key) is { } next)
                    {
                        VisitMatched(child, next, counts, firsts);
                    }
                }

                return;
        }
    }

    /// <summary>Visits a value reached by a key that follows <paramref name="path"/>'s segments.</summary>
    private static void VisitMatched(JsonNode? value, PathNode path, Span<int> counts, JsonNode?[] firsts)
    {
        if (path.Slot >= 0)
        {
            CountValues(value, path.Slot, counts, firsts);
        }

        if (path.HasChildren)
        {
            Visit(value, path, counts, firsts);
        }
    }

    /// <summary>Counts the values of <paramref name="value"/> for one slot, flattening arrays and skipping nulls.</summary>
    private static void CountValues(JsonNode? value, int slot, Span<int> counts, JsonNode?[] firsts)
    {
        if (value is JsonArray array)
        {
            foreach (var item in array)
            {
                CountValues(item, slot, counts, firsts);
            }
        }
        else if (value is not null)
        {
            firsts[slot] ??= value;
            counts[slot]++;
        }
    }

    /// <summary>A node of the tree of hot-path segments; a node that ends a hot path has its slot.</summary>
    private sealed class PathNode
    {
        private readonly List<(string Segment, PathNode Node)> _children = [];

        public int Slot { get; private set; } = -1;

        public bool HasChildren => _children.Count > 0;

        public static PathNode Build()
        {
            var root = new PathNode();
            for (var slot = 0; slot < HotFields.Count; slot++)
            {
                var node = root;
                foreach (var segment in HotFields.Paths[slot].Split('.'))
                {
                    node = node.Child(segment) ?? node.Add(segment);
                }

                node.Slot = slot;
            }

            return root;
        }

        /// <summary>
        /// Returns the node reached by following every dot-separated segment of <paramref name="key"/>
        /// from this node, or null when a segment leaves the tree.
        /// </summary>
        public PathNode? Follow(string key)
        {
            var node = this;
            var rest = key.AsSpan();
            while (node is not null)
            {
                var dot = rest.IndexOf('.');
                node = node.Child(dot < 0 ? rest : rest[..dot]);
                if (dot < 0)
                {
                    return node;
                }

                rest = rest[(dot + 1)..];
            }

            return null;
        }

        private PathNode? Child(ReadOnlySpan<char> segment)
        {
            foreach (var (name, node) in _children)
            {
                if (segment.SequenceEqual(name))
                {
                    return node;
                }
            }

            return null;
        }

        private PathNode Add(string segment)
        {
            var node = new PathNode();
            _children.Add((segment, node));
            return node;
        }
    }
}
