using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Hashes JSON content canonically, so two records with the same content in a different key order,
/// spacing or escaping hash the same. Numbers hash by their text.
/// </summary>
/// <remarks>
/// The hash is a Merkle tree: each scalar hashes on its own, an array hashes its elements' hashes
/// in order, and an object hashes the sorted hashes of its (key, value) members. The same value
/// therefore hashes the same from a parsed <see cref="JsonNode"/> and from raw bytes
/// (<see cref="RecordScanner"/>). XXH128 is not cryptographic: a file crafted to collide with an
/// earlier record could hide that one record as a duplicate, but only within the same run. Its 128
/// bits make accidental collisions negligible (about 2^-64 at 2^32 records).
/// </remarks>
internal static class CanonicalJsonHash
{
    // Seeds tag each kind of node, so the string "1" and the number 1 differ.
    private const long StringSeed = 1;
    private const long OtherScalarSeed = 2;
    private const long ArraySeed = 3;
    private const long ObjectSeed = 4;
    private const long KeySeed = 5;
    private const long MemberSeed = 6;

    /// <summary>The hash of a JSON <c>null</c>.</summary>
    public static readonly UInt128 Null = XxHash128.HashToUInt128([], OtherScalarSeed);

    /// <summary>Returns the canonical hash of <paramref name="node"/>.</summary>
    public static UInt128 Compute(JsonNode? node) => node switch
    {
        null => Null,
        JsonObject obj => OfObject(obj),
        JsonArray array => OfArray(array),
        _ when node.GetValueKind() == JsonValueKind.String => OfString(Encoding.UTF8.GetBytes(node.GetValue<string>())),
        _ => OfOtherScalar(Encoding.UTF8.GetBytes(node.ToJsonString())),
    };

    /// <summary>Returns the hash of a string given as its unescaped UTF-8 bytes.</summary>
    public static UInt128 OfString(ReadOnlySpan<byte> utf8) => XxHash128.HashToUInt128(utf8, StringSeed);

    /// <summary>Returns the hash of a number, <c>true</c> or <c>false</c>, given as its JSON text.</summary>
    public static UInt128 OfOtherScalar(ReadOnlySpan<byte> text) => XxHash128.HashToUInt128(text, OtherScalarSeed);

    /// <summary>Returns the hash of an object key given as its unescaped UTF-8 bytes.</summary>
    public static UInt128 OfKey(ReadOnlySpan<byte> utf8) => XxHash128.HashToUInt128(utf8, KeySeed);

    /// <summary>Returns the hash of one object member from the hashes of its key and value.</summary>
    public static UInt128 OfMember(UInt128 key, UInt128 value)
    {
        ReadOnlySpan<UInt128> pair = [key, value];
        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(pair), MemberSeed);
    }

    /// <summary>Returns the hash of an object from its member hashes, which this sorts in place.</summary>
    public static UInt128 OfObject(Span<UInt128> members)
    {
        members.Sort();
        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(members), ObjectSeed);
    }

    /// <summary>Returns the hash of an array from its element hashes, in order.</summary>
    public static UInt128 OfArray(ReadOnlySpan<UInt128> items) =>
        XxHash128.HashToUInt128(MemoryMarshal.AsBytes(items), ArraySeed);

    private static UInt128 OfObject(JsonObject obj)
    {
        var members = new UInt128[obj.Count];
        var i = 0;
        foreach (var (key, value) in obj)
        {
            members[i++] = OfMember(OfKey(Encoding.UTF8.GetBytes(key)), Compute(value));
        }

        return OfObject(members);
    }

    private static UInt128 OfArray(JsonArray array)
    {
        var items = new UInt128[array.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Compute(array[i]);
        }

        return OfArray(items);
    }
}
