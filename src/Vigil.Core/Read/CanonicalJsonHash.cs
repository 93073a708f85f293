using System.Buffers.Binary;
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
/// <para>
/// An object hashes the sorted hashes of its members. A member hashes its key and the encoding of
/// its value: a scalar's kind and text, or a container's kind and hash. An array hashes the
/// length-prefixed encodings of its elements in order. Strings and keys are hashed unescaped, as
/// UTF-8. The same value therefore hashes the same from a parsed <see cref="JsonNode"/> and from raw
/// bytes (<see cref="RecordScanner"/>).
/// </para>
/// <para>
/// XXH128 is not cryptographic. Its seeds are fixed because the store keeps the hash and compares it
/// across ingests, so a record crafted to collide with a stored record of the same <c>eventTime</c>
/// would be dropped as a duplicate. The hash covers the <c>eventID</c> and <c>requestID</c> that AWS
/// assigns when it logs a call, so a caller cannot aim a call at such a collision. Accidental
/// collisions are negligible at 128 bits (about 2^-64 at 2^32 records).
/// </para>
/// </remarks>
internal static class CanonicalJsonHash
{
    /// <summary>The kind byte of a string value's encoding.</summary>
    public const byte StringKind = (byte)'s';

    /// <summary>The kind byte of a number, <c>true</c> or <c>false</c>, followed by its JSON text.</summary>
    public const byte OtherKind = (byte)'v';

    /// <summary>The kind byte of <c>null</c>, which has no text.</summary>
    public const byte NullKind = (byte)'n';

    /// <summary>The kind byte of an object, followed by its 16-byte hash.</summary>
    public const byte ObjectKind = (byte)'o';

    /// <summary>The kind byte of an array, followed by its 16-byte hash.</summary>
    public const byte ArrayKind = (byte)'a';

    private const long MemberSeed = 1;
    private const long ObjectSeed = 2;
    private const long ArraySeed = 3;

    /// <summary>Returns the canonical hash of a record or of any object or array.</summary>
    public static UInt128 Compute(JsonNode node) => node switch
    {
        JsonObject obj => OfObject(obj),
        JsonArray array => OfArray(array),
        _ => throw new ArgumentException("only an object or an array has a canonical hash", nameof(node)),
    };

    /// <summary>
    /// Returns the hash of one member from its composed bytes: the key's length as a little-endian
    /// 32-bit integer, the unescaped key, then the value's encoding.
    /// </summary>
    public static UInt128 OfMember(ReadOnlySpan<byte> composed) => XxHash128.HashToUInt128(composed, MemberSeed);

    /// <summary>Returns the hash of an object from its member hashes, which this sorts in place.</summary>
    public static UInt128 OfObject(Span<UInt128> members)
    {
        members.Sort();
        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(members), ObjectSeed);
    }

    /// <summary>Returns the hash of an array from its elements' length-prefixed encodings, in order.</summary>
    public static UInt128 OfArray(ReadOnlySpan<byte> encodedElements) => XxHash128.HashToUInt128(encodedElements, ArraySeed);

    /// <summary>Writes the encoding of a container with hash <paramref name="hash"/> to <paramref name="destination"/>.</summary>
    public static void EncodeContainer(byte kind, UInt128 hash, Span<byte> destination)
    {
        destination[0] = kind;
        BinaryPrimitives.WriteUInt128LittleEndian(destination[1..], hash);
    }

    private static UInt128 OfObject(JsonObject obj)
    {
        var members = new UInt128[obj.Count];
        var i = 0;
        foreach (var (key, value) in obj)
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            var length = new byte[sizeof(int)];
            BinaryPrimitives.WriteInt32LittleEndian(length, keyBytes.Length);
            members[i++] = OfMember([.. length, .. keyBytes, .. Encode(value)]);
        }

        return OfObject(members);
    }

    private static UInt128 OfArray(JsonArray array)
    {
        var encoded = new List<byte>();
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var item in array)
        {
            var element = Encode(item);
            BinaryPrimitives.WriteInt32LittleEndian(length, element.Length);
            encoded.AddRange(length);
            encoded.AddRange(element);
        }

        return OfArray(CollectionsMarshal.AsSpan(encoded));
    }

    private static byte[] Encode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return [NullKind];

            case JsonObject or JsonArray:
                var encoded = new byte[1 + 16];
                EncodeContainer(node is JsonObject ? ObjectKind : ArrayKind, Compute(node), encoded);
                return encoded;

            default:
                var isString = node.GetValueKind() == JsonValueKind.String;
                var text = isString ? node.GetValue<string>() : node.ToJsonString();
                return [isString ? StringKind : OtherKind, .. Encoding.UTF8.GetBytes(text)];
        }
    }
}
