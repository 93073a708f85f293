using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// A 64-bit canonical content hash for duplicate checks that live only as long as one run (a hunt,
/// a convert). Same content in another key order, spacing or escaping hashes the same, as with
/// <see cref="CanonicalJsonHash"/>, but an object adds up its member hashes instead of sorting
/// them, and nothing is copied, so a record's scan takes about a third less time.
/// </summary>
/// <remarks>
/// <para>
/// A scalar hashes its unescaped UTF-8 text (numbers by their text) with a seed made of its kind
/// and a random number drawn per process. A member folds its key's hash and its value's hash into
/// one 128-bit product. An object mixes the sum of its member hashes and their count; an array
/// chains its element hashes in order. The products take random multiplicands drawn per
/// process, so a sum of member hashes collides only by chance, about 2⁻⁶⁴ per pair of records,
/// and a record's author cannot aim at another record's hash.
/// </para>
/// <para>
/// The values differ from <see cref="CanonicalJsonHash"/>, which the store keeps on disk, so the
/// two never meet: a store only compares stable hashes, a run only quick ones.
/// </para>
/// </remarks>
internal static class QuickContentHash
{
    // Kind bytes are letters, so a key never hashes with a scalar's seed.
    private const byte KeySeed = 0;

    // Drawn once per process, so that the author of a record cannot choose its hash. With fixed
    // seeds, one field could be set to make a record hash like an earlier one, and it would be
    // dropped as a duplicate. The hashes never leave the run, so nothing needs them stable.
    private static readonly ulong ProcessSeed = NextSecret();

    // Random multiplicands for the 128-bit products, odd so that none is zero.
    private static readonly ulong FirstSecret = NextSecret();
    private static readonly ulong LengthSecret = NextSecret();
    private static readonly ulong MemberSecret = NextSecret();
    private static readonly ulong ValueSecret = NextSecret();

    // One pair per 16-byte chunk of text of 17 to 64 bytes.
    private static readonly ulong ChunkSecret0 = NextSecret();
    private static readonly ulong ChunkSecret1 = NextSecret();
    private static readonly ulong ChunkSecret2 = NextSecret();
    private static readonly ulong ChunkSecret3 = NextSecret();
    private static readonly ulong ChunkSecret4 = NextSecret();
    private static readonly ulong ChunkSecret5 = NextSecret();
    private static readonly ulong ChunkSecret6 = NextSecret();
    private static readonly ulong ChunkSecret7 = NextSecret();

    private const ulong ElementFactor = 0xC2B2AE3D27D4EB4F;
    private const ulong CountFactor = 0x165667B19E3779F9;
    private const ulong ObjectSeed = 0x27D4EB2F165667C5;
    private const ulong ArraySeed = 0x85EBCA77C2B2AE63;

    /// <summary>Returns the hash of a scalar from its kind byte (see <see cref="CanonicalJsonHash"/>) and unescaped text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfScalar(byte kind, ReadOnlySpan<byte> text) => OfText(text, Seeded(kind));

    /// <summary>Returns the hash of an object key from its unescaped UTF-8 text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfKey(ReadOnlySpan<byte> key) => OfText(key, Seeded(KeySeed));

    /// <summary>Returns the hash of one member, which an object adds to its sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfMember(ulong key, ulong value) => Fold(key ^ MemberSecret, value ^ ValueSecret);

    /// <summary>Returns an array's running hash after one more element.</summary>
    public static ulong Chain(ulong running, ulong element) => Mix((BitOperations.RotateLeft(running, 27) * ElementFactor) + element);

    /// <summary>Returns the hash of an object from the sum of its member hashes and their count.</summary>
    public static ulong OfObject(ulong memberSum, int count) => Mix(memberSum + ((ulong)count * CountFactor) + ObjectSeed);

    /// <summary>Returns the hash of an array from its running hash and its length.</summary>
    public static ulong OfArray(ulong running, int count) => Mix(running + ((ulong)count * CountFactor) + ArraySeed);

    /// <summary>Returns the hash of a parsed record or of any object or array, equal to a scan of its bytes.</summary>
    public static ulong Compute(JsonNode node) => node switch
    {
        JsonObject obj => OfObject(obj),
        JsonArray array => OfArray(array),
        _ => throw new ArgumentException("only an object or an array has a content hash", nameof(node)),
    };

    private static ulong OfObject(JsonObject obj)
    {
        var sum = 0UL;
        foreach (var (key, value) in obj)
        {
            sum += OfMember(OfText(KeySeed, key), Of(value));
        }

        return OfObject(sum, obj.Count);
    }

    private static ulong OfArray(JsonArray array)
    {
        var running = 0UL;
        foreach (var item in array)
        {
            running = Chain(running, Of(item));
        }

        return OfArray(running, array.Count);
    }

    private static ulong Of(JsonNode? node) => node switch
    {
        null => OfScalar(CanonicalJsonHash.NullKind, []),
        JsonObject or JsonArray => Compute(node),
        _ when node.GetValueKind() == JsonValueKind.String => OfText(CanonicalJsonHash.StringKind, node.GetValue<string>()),
        _ => OfText(CanonicalJsonHash.OtherKind, node.ToJsonString()),
    };

    /// <summary>Hashes the UTF-8 encoding of <paramref name="text"/> with a key's or a scalar kind's seed.</summary>
    private static ulong OfText(byte seed, string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return OfText(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)), Seeded(seed));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Hashes text of up to 64 bytes with 128-bit products, and longer text with XxHash3. Most keys
    /// and values of a record are that short, and a call into XxHash3 cost more than the hashing
    /// itself: the scan's hashing took a quarter of a hunt's scan. CloudTrail's ids (36 bytes) and
    /// most of its ARNs are 33 to 64 bytes long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong OfText(ReadOnlySpan<byte> text, ulong seed)
    {
        var length = (uint)text.Length;
        if (length > 16)
        {
            return length > 64 ? XxHash3.HashToUInt64(text, (long)seed) : OfMediumText(text, seed);
        }

        ref var start = ref MemoryMarshal.GetReference(text);
        ulong first;
        ulong last;
        if (length >= 8)
        {
            first = Unsafe.ReadUnaligned<ulong>(ref start);
            last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8));
        }
        else if (length >= 4)
        {
            first = Unsafe.ReadUnaligned<uint>(ref start);
            last = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4));
        }
        else if (length > 0)
        {
            // The first, middle and last bytes cover every length from 1 to 3.
            first = ((ulong)start << 16) | ((ulong)Unsafe.Add(ref start, length >> 1) << 8) | Unsafe.Add(ref start, length - 1);
            last = 0;
        }
        else
        {
            first = 0;
            last = 0;
        }

        // Overlapping reads make different lengths read the same words, so the length goes in too.
        return Fold(LengthSecret ^ length, Fold(first ^ FirstSecret, last ^ seed));
    }

    /// <summary>
    /// Hashes text of 17 to 64 bytes as XXH3 does, with secrets drawn per process. Each 16-byte chunk
    /// folds into its own product with its own secrets, and the products add up. The chunks are read
    /// from both ends, so they overlap when the length is not a multiple of 16.
    /// </summary>
    private static ulong OfMediumText(ReadOnlySpan<byte> text, ulong seed)
    {
        var length = (uint)text.Length;
        ref var start = ref MemoryMarshal.GetReference(text);
        ref var tail = ref Unsafe.Add(ref start, (int)length - 32);
        var sum = Fold(Read(ref start, 0) ^ ChunkSecret0, Read(ref start, 8) ^ ChunkSecret1 ^ seed)
            + Fold(Read(ref tail, 16) ^ ChunkSecret2, Read(ref tail, 24) ^ ChunkSecret3 ^ seed);
        if (length > 32)
        {
            sum += Fold(Read(ref start, 16) ^ ChunkSecret4, Read(ref start, 24) ^ ChunkSecret5 ^ seed)
                + Fold(Read(ref tail, 0) ^ ChunkSecret6, Read(ref tail, 8) ^ ChunkSecret7 ^ seed);
        }

        return Fold(LengthSecret ^ length, sum ^ seed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ref byte start, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, offset));

    /// <summary>Multiplies two words to 128 bits and folds the halves together with exclusive or.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong left, ulong right)
    {
        // The JIT of .NET 10 passes Math.BigMul's low half through memory, so each product waited for
        // a store and a load. With mulx for the high half and imul for the low half, a hunt's scan
        // took about 10 % less time (--scan-probe on generated records).
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.MultiplyNoFlags(left, right) ^ (left * right);
        }

        var high = Math.BigMul(left, right, out var low);
        return high ^ low;
    }

    private static ulong Seeded(byte kind) => ProcessSeed ^ kind;

    private static ulong NextSecret() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))) | 1;

    // The 64-bit finaliser of MurmurHash3: every input bit flips each output bit with probability ½.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCD;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53;
        return value ^ (value >> 33);
    }
}
