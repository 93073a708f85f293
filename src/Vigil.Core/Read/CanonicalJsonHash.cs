using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Hashes JSON content canonically: object keys in ordinal order, so two records with the same
/// content in a different key order hash the same. Numbers hash by their text.
/// </summary>
internal static class CanonicalJsonHash
{
    /// <summary>Returns the first 128 bits of the SHA-256 of the canonical form of <paramref name="node"/>.</summary>
    public static UInt128 Compute(JsonNode? node)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, node);

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new UInt128(BitConverter.ToUInt64(digest), BitConverter.ToUInt64(digest[8..]));
    }

    private static void Append(IncrementalHash hash, JsonNode? node)
    {
        switch (node)
        {
            case null:
                hash.AppendData("n"u8);
                break;

            case JsonObject obj:
                AppendObject(hash, obj);
                break;

            case JsonArray array:
                hash.AppendData("["u8);
                foreach (var item in array)
                {
                    Append(hash, item);
                    hash.AppendData(","u8);
                }

                hash.AppendData("]"u8);
                break;

            default:
                // Tag the kind, so the string "1" and the number 1 differ.
                hash.AppendData(node.GetValueKind() == JsonValueKind.String ? "s"u8 : "v"u8);
                AppendText(hash, node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString());
                break;
        }
    }

    private static void AppendObject(IncrementalHash hash, JsonObject obj)
    {
        var keys = obj.Select(property => property.Key).ToArray();
        Array.Sort(keys, StringComparer.Ordinal);

        hash.AppendData("{"u8);
        foreach (var key in keys)
        {
            AppendText(hash, key);
            Append(hash, obj[key]);
        }

        hash.AppendData("}"u8);
    }

    private static void AppendText(IncrementalHash hash, string text)
    {
        // Length prefix, so that no two different sequences of strings produce the same bytes.
        Span<byte> length = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(length, text.Length);
        hash.AppendData(length);

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var count = Encoding.UTF8.GetBytes(text, buffer);
        hash.AppendData(buffer, 0, count);
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
