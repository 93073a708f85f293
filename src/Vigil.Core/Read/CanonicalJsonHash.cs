using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Hashes JSON content canonically: object keys in ordinal order, so two records with the same
/// content in a different key order hash the same. Numbers hash by their text.
/// </summary>
/// <remarks>
/// XXH128 is not cryptographic: a file crafted to collide with an earlier record could hide that
/// one record as a duplicate, but only within the same run. Its 128 bits make accidental collisions
/// negligible (about 2^-64 at 2^32 records), and it costs a fraction of SHA-256.
/// </remarks>
internal static class CanonicalJsonHash
{
    /// <summary>Returns the XXH128 hash of the canonical form of <paramref name="node"/>.</summary>
    public static UInt128 Compute(JsonNode? node)
    {
        var hash = new XxHash128();
        Append(hash, node);
        return hash.GetCurrentHashAsUInt128();
    }

    private static void Append(XxHash128 hash, JsonNode? node)
    {
        switch (node)
        {
            case null:
                hash.Append("n"u8);
                break;

            case JsonObject obj:
                AppendObject(hash, obj);
                break;

            case JsonArray array:
                hash.Append("["u8);
                foreach (var item in array)
                {
                    Append(hash, item);
                    hash.Append(","u8);
                }

                hash.Append("]"u8);
                break;

            default:
                // Tag the kind, so the string "1" and the number 1 differ.
                hash.Append(node.GetValueKind() == JsonValueKind.String ? "s"u8 : "v"u8);
                AppendText(hash, node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString());
                break;
        }
    }

    private static void AppendObject(XxHash128 hash, JsonObject obj)
    {
        var keys = obj.Select(property => property.Key).ToArray();
        Array.Sort(keys, StringComparer.Ordinal);

        hash.Append("{"u8);
        foreach (var key in keys)
        {
            AppendText(hash, key);
            Append(hash, obj[key]);
        }

        hash.Append("}"u8);
    }

    private static void AppendText(XxHash128 hash, string text)
    {
        // Length prefix, so that no two different sequences of strings produce the same bytes.
        Span<byte> length = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(length, text.Length);
        hash.Append(length);

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var count = Encoding.UTF8.GetBytes(text, buffer);
        hash.Append(buffer.AsSpan(0, count));
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
