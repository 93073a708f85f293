using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// IP addresses as Elasticsearch's <c>ip</c> field type stores them: 16 bytes, with IPv4 stored as
/// IPv4-mapped IPv6 (<c>::ffff:a.b.c.d</c>), so both families share one order and one CIDR arithmetic.
/// </summary>
internal static class IpValue
{
    private const int MappedIpv4PrefixBits = 96;

    /// <summary>
    /// Parses a dotted-quad IPv4 address (no leading zeros, as Elasticsearch's parser requires) or an
    /// IPv6 address.
    /// </summary>
    public static bool TryParse(string text, out UInt128 address)
    {
        address = default;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TryParseIpv6(text, out address);
        }

        if (!TryParseIpv4(text, out var ipv4))
        {
            return false;
        }

        address = Map(ipv4);
        return true;
    }

    /// <summary>Parses <c>address/prefix</c> into the first address and the prefix length in 128-bit space.</summary>
    public static bool TryParseCidr(string text, out UInt128 network, out int prefixBits)
    {
        network = default;
        prefixBits = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var addressText = text[..slash];
        var isIpv6 = addressText.Contains(':', StringComparison.Ordinal);
        if (prefix > (isIpv6 ? 128 : 32) || !TryParse(addressText, out var address))
        {
            return false;
        }

        prefixBits = isIpv6 ? prefix : prefix + MappedIpv4PrefixBits;
        network = address & Mask(prefixBits);
        return true;
    }

    public static bool InNetwork(UInt128 address, UInt128 network, int prefixBits) =>
        (address & Mask(prefixBits)) == network;

    /// <summary>Returns the first address of the network of <paramref name="prefixBits"/> that contains <paramref name="address"/>.</summary>
    public static UInt128 NetworkOf(UInt128 address, int prefixBits) => address & Mask(prefixBits);

    private static UInt128 Mask(int prefixBits) =>
        prefixBits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefixBits);

    private static UInt128 Map(uint ipv4) => new(0, 0xFFFF_0000_0000UL | ipv4);

    private static bool TryParseIpv4(string text, out uint value)
    {
        value = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var octet = int.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
        }

        return true;
    }

    private static bool TryParseIpv6(string text, out UInt128 value)
    {
        value = default;
        if (!text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            || !IPAddress.TryParse(text, out var parsed)
            || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        parsed.TryWriteBytes(bytes, out _);
        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
