namespace Vigil.Generator;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014).
/// </summary>
/// <remarks>
/// Its sequence depends only on the seed, so the same seed gives the same records on every .NET version;
/// <see cref="Random"/> promises no such thing across versions.
/// </remarks>
internal sealed class SplitMix64(ulong seed)
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), by Lemire's multiply-shift.</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A version 4 UUID in its lower-case text form, as CloudTrail writes eventID and requestID.</summary>
    public string NextUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], NextUInt64());
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(bytes).Insert(20, "-").Insert(16, "-").Insert(12, "-").Insert(8, "-");
    }

    public string NextAlphanumeric(int length) => NextText(length, Alphanumeric);

    /// <summary>Upper-case letters and digits 2 to 7, the alphabet of IAM key and principal ids.</summary>
    public string NextBase32(int length) => NextText(length, UpperBase32);

    private string NextText(int length, string alphabet) =>
        string.Create(length, (this, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.Item1.Next(state.alphabet.Length)];
            }
        });
}
