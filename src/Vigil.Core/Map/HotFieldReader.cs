using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Reads the <see cref="HotFields"/> of a finished document with the expansion of
/// <see cref="FieldPath.Values"/>: dotted keys and nested objects feed the same path, arrays
/// flatten and nulls are skipped. It stops at a field's second value, because a slot keeps only
/// a single string.
/// </summary>
internal static class HotFieldReader
{
    // For each hot path and each segment index, the keys that may continue the path there: "a", "a.b", …
    private static readonly string[][][] Candidates = BuildCandidates();

    /// <summary>Fills every slot of <paramref name="slots"/> from <paramref name="root"/>.</summary>
    public static void Fill(JsonObject root, ref HotFieldValues slots)
    {
        for (var slot = 0; slot < HotFields.Count; slot++)
        {
            JsonNode? first = null;
            var count = 0;
            Collect(root, Candidates[slot], 0, ref first, ref count);
            slots[slot] = count switch
            {
                0 => HotFieldValues.Missing,
                1 when first is JsonValue value && value.GetValueKind() == JsonValueKind.String => HotValuePool.Intern(value.GetValue<string>()),
                _ => null,
            };
        }
    }

    private static void Collect(JsonNode? node, string[][] keys, int start, ref JsonNode? first, ref int count)
    {
        switch (node)
        {
            case null:
                return;

            case JsonArray array:
                for (var i = 0; i < array.Count && count < 2; i++)
                {
                    Collect(array[i], keys, start, ref first, ref count);
                }

                return;

            case JsonObject obj when start < keys.Length:
                CollectProperties(obj, keys, start, ref first, ref count);
                return;

            default:
                if (start == keys.Length)
                {
                    first ??= node;
                    count++;
                }

                return;
        }
    }

    /// <summary>Visits the properties whose key continues the path, comparing lengths before text.</summary>
    private static void CollectProperties(JsonObject obj, string[][] keys, int start, ref JsonNode? first, ref int count)
    {
        var candidates = keys[start];
        for (var p = 0; p < obj.Count && count < 2; p++)
        {
            var (key, child) = obj.GetAt(p);
            for (var i = 0; i < candidates.Length; i++)
            {
                if (candidates[i].Length == key.Length && string.Equals(candidates[i], key, StringComparison.Ordinal))
                {
                    Collect(child, keys, start + i + 1, ref first, ref count);
                    break;
                }
            }
        }
    }

    private static string[][][] BuildCandidates()
    {
        var candidates = new string[HotFields.Count][][];
        for (var slot = 0; slot < candidates.Length; slot++)
        {
            var segments = HotFields.Paths[slot].Split('.');
            candidates[slot] = new string[segments.Length][];
            for (var start = 0; start < segments.Length; start++)
            {
                candidates[slot][start] = new string[segments.Length - start];
                for (var end = start + 1; end <= segments.Length; end++)
                {
                    candidates[slot][start][end - start - 1] = string.Join('.', segments[start..end]);
                }
            }
        }

        return candidates;
    }
}
