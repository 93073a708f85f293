using System.Text;

namespace Vigil.Read;

/// <summary>
/// Turns short UTF-8 texts that repeat, such as event names, into shared strings, so that reading one
/// does not allocate once it has been seen.
/// </summary>
/// <remarks>
/// The texts come from the input, so the set stops growing at <see cref="MaxCount"/> and longer
/// texts are never kept; past either limit a text is shared only while it stays in a small table of
/// recent texts. That table, found by a hash of the bytes and checked byte for byte, returns most
/// strings before any decoding. Not thread-safe.
/// </remarks>
internal sealed class Utf8Interner
{
    public const int MaxCount = 4096;

    public const int MaxLength = 128;

    // A power of two, about four times the number of event names a trail uses in a day, so that few
    // share a slot. With 512 slots, the 389 event names of generated records shared slots so often
    // that a hunt's scan took about 2 % longer.
    private const int RecentCount = 2048;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly Recent[] _recent = new Recent[RecentCount];
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>The number of texts kept in the set, at most <see cref="MaxCount"/>.</summary>
    internal int Count => _strings.Count;

    private readonly Func<string, string>? _canonical;

    /// <param name="canonical">
    /// Returns the instance to keep for a new text, so that an interner can share strings with other
    /// code (see <c>Vigil.Map.SharedKeys</c>); by default each new text gets its own.
    /// </param>
    public Utf8Interner(Func<string, string>? canonical = null)
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _canonical = canonical;
    }

    public string GetString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var recent = ref _recent[(int)QuickContentHash.OfKey(utf8) & (RecentCount - 1)];
        if (recent.Utf8 is { } bytes && utf8.SequenceEqual(bytes))
        {
            return recent.Text!;
        }

        var text = Intern(utf8);
        recent = new Recent(utf8.ToArray(), text);
        return text;
    }

    private string Intern(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[MaxLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        if (_lookup.TryGetValue(chars[..length], out var shared))
        {
            return shared;
        }

        var text = new string(chars[..length]);
        text = _canonical?.Invoke(text) ?? text;
        if (_strings.Count < MaxCount)
        {
            _strings.Add(text);
        }

        return text;
    }

    /// <summary>A recently interned text: its UTF-8 bytes and its string.</summary>
    private readonly record struct Recent(byte[]? Utf8, string? Text);
}
