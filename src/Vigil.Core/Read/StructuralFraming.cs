using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vigil.Read;

/// <summary>
/// Finds where a JSON object ends from its structure alone, 64 bytes at a time: quotes, backslash
/// escapes and brackets, without validating anything else. A hunt frames array elements this way
/// and leaves validation to the scan that reads each record anyway.
/// </summary>
/// <remarks>
/// <para>
/// The rules are those of <see cref="ArrayElementSkipper"/>, which the JSON reader's error recovery
/// uses: inside a string a backslash escapes the next byte and an unescaped quote ends it; outside
/// strings <c>{</c> and <c>[</c> open and <c>}</c> and <c>]</c> close. So for a valid element the
/// end is the JSON reader's, and for an invalid one it is where that recovery resumes. A backslash
/// outside a string is the one case where the two could differ, and is declined, as is nesting as
/// deep as <see cref="JsonTokenCursor.MaxDepth"/>, which the JSON reader refuses inside an array.
/// </para>
/// <para>
/// Per 64-byte block: one bit mask per byte class, the escaped bytes from the backslash mask, the
/// in-string mask as the prefix XOR of the unescaped quotes, then the brackets outside strings
/// one by one. The cost is linear in the input.
/// </para>
/// </remarks>
internal static class StructuralFraming
{
    /// <summary>Returned when the object does not end within the bytes given.</summary>
    public const int Incomplete = -1;

    /// <summary>Returned for a backslash outside a string or deep nesting, which only the JSON reader may judge.</summary>
    public const int Declined = -2;

    private const int BlockSize = 64;

    /// <summary>
    /// Returns the length of the object or array that starts at <paramref name="json"/>[0], up to
    /// and including its closing bracket, or <see cref="Incomplete"/> or <see cref="Declined"/>.
    /// </summary>
    public static int ValueLength(ReadOnlySpan<byte> json) => ValueLength(json, out _);

    /// <summary>
    /// As <see cref="ValueLength(ReadOnlySpan{byte})"/>, and also reports whether the value contains
    /// a line feed, where the reader's error recovery may end a one-line envelope's value.
    /// </summary>
    public static int ValueLength(ReadOnlySpan<byte> json, out bool hasNewline)
    {
        hasNewline = false;
        var state = new State();
        var offset = 0;
        for (; offset + BlockSize <= json.Length; offset += BlockSize)
        {
            var masks = Masks.Of(json.Slice(offset, BlockSize));
            var end = state.Block(masks);
            if (end != Incomplete)
            {
                hasNewline |= end >= 0 && HasNewlineUpTo(masks, end);
                return end < 0 ? end : offset + end + 1;
            }

            hasNewline |= masks.Newlines != 0;
        }

        return offset == json.Length ? Incomplete : Tail(json[offset..], offset, ref state, ref hasNewline);
    }

    /// <summary>Scans the last, partial block padded with spaces, which are neutral outside and inside strings.</summary>
    private static int Tail(ReadOnlySpan<byte> tail, int offset, ref State state, ref bool hasNewline)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Fill((byte)' ');
        tail.CopyTo(block);

        var masks = Masks.Of(block);
        var end = state.Block(masks);
        if (end == Declined)
        {
            return Declined;
        }

        if (end < 0 || end >= tail.Length)
        {
            return Incomplete;
        }

        hasNewline |= HasNewlineUpTo(masks, end);
        return offset + end + 1;
    }

    /// <summary>Whether the block has a line feed at or before index <paramref name="end"/>.</summary>
    private static bool HasNewlineUpTo(Masks masks, int end) => (masks.Newlines & (ulong.MaxValue >> (BlockSize - 1 - end))) != 0;

    /// <summary>One bit per byte of a 64-byte block for each byte class that matters.</summary>
    internal readonly record struct Masks(ulong Quotes, ulong Backslashes, ulong Opens, ulong Closes, ulong Newlines)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Masks Of(ReadOnlySpan<byte> block) => Vector512.IsHardwareAccelerated ? Of512(block) : Of256(block);

        /// <summary>Builds the masks from one 512-bit vector, where the processor has them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Masks Of512(ReadOnlySpan<byte> block)
        {
            var bytes = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(block));

            // Setting bit 5 maps '[' and ']' onto '{' and '}', and touches no quote or backslash.
            var folded = bytes | Vector512.Create((byte)0x20);
            return new Masks(
                Vector512.Equals(bytes, Vector512.Create((byte)'"')).ExtractMostSignificantBits(),
                Vector512.Equals(bytes, Vector512.Create((byte)'\\')).ExtractMostSignificantBits(),
                Vector512.Equals(folded, Vector512.Create((byte)'{')).ExtractMostSignificantBits(),
                Vector512.Equals(folded, Vector512.Create((byte)'}')).ExtractMostSignificantBits(),
                Vector512.Equals(bytes, Vector512.Create((byte)'\n')).ExtractMostSignificantBits());
        }

        /// <summary>Builds the masks from two 256-bit vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Masks Of256(ReadOnlySpan<byte> block)
        {
            ref var first = ref MemoryMarshal.GetReference(block);
            var low = Vector256.LoadUnsafe(ref first);
            var high = Vector256.LoadUnsafe(ref first, (nuint)Vector256<byte>.Count);
            var lowFolded = low | Vector256.Create((byte)0x20);
            var highFolded = high | Vector256.Create((byte)0x20);
            return new Masks(
                Bits(low, high, (byte)'"'),
                Bits(low, high, (byte)'\\'),
                Bits(lowFolded, highFolded, (byte)'{'),
                Bits(lowFolded, highFolded, (byte)'}'),
                Bits(low, high, (byte)'\n'));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Bits(Vector256<byte> low, Vector256<byte> high, byte value) =>
            Vector256.Equals(low, Vector256.Create(value)).ExtractMostSignificantBits()
            | ((ulong)Vector256.Equals(high, Vector256.Create(value)).ExtractMostSignificantBits() << 32);
    }

    /// <summary>What one block hands to the next: nesting depth, an open string, a pending escape.</summary>
    private struct State
    {
        private int _depth;
        private ulong _inString;
        private bool _escapeNext;

        /// <summary>Returns the index in the block of the bracket that closes the value, or a negative code.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Block(Masks masks)
        {
            var escaped = masks.Backslashes != 0 || _escapeNext ? Escaped(masks.Backslashes) : 0;
            var inString = PrefixXor(masks.Quotes & ~escaped) ^ _inString;

            // A quote opens a string at its own bit, so a backslash outside strings has a zero bit.
            if ((masks.Backslashes & ~inString) != 0)
            {
                return Declined;
            }

            _inString = (ulong)((long)inString >> 63);
            var brackets = (masks.Opens | masks.Closes) & ~inString;
            while (brackets != 0)
            {
                var bit = BitOperations.TrailingZeroCount(brackets);
                _depth += ((masks.Opens >> bit) & 1) != 0 ? 1 : -1;
                if (_depth == 0)
                {
                    return bit;
                }

                if (_depth >= JsonTokenCursor.MaxDepth)
                {
                    return Declined;
                }

                brackets &= brackets - 1;
            }

            return Incomplete;
        }

        /// <summary>Marks each byte that a backslash escapes; a backslash that is escaped escapes nothing.</summary>
        private ulong Escaped(ulong backslashes)
        {
            var escaped = 0UL;
            if (_escapeNext)
            {
                escaped = 1;
                backslashes &= ~1UL;
                _escapeNext = false;
            }

            while (backslashes != 0)
            {
                var bit = BitOperations.TrailingZeroCount(backslashes);
                if (bit == BlockSize - 1)
                {
                    _escapeNext = true;
                    break;
                }

                escaped |= 1UL << (bit + 1);
                backslashes &= ~(3UL << bit);
            }

            return escaped;
        }

        /// <summary>Sets each bit to the XOR of itself and every lower bit: one carry-less multiplication by all ones.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong PrefixXor(ulong bits)
        {
            if (Pclmulqdq.IsSupported)
            {
                return Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(bits), Vector128.Create(ulong.MaxValue), 0).ToScalar();
            }

            bits ^= bits << 1;
            bits ^= bits << 2;
            bits ^= bits << 4;
            bits ^= bits << 8;
            bits ^= bits << 16;
            return bits ^ (bits << 32);
        }
    }
}
