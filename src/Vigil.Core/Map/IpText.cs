using System.Net;
using System.Net.Sockets;

namespace Vigil.Map;

/// <summary>
/// Decides whether text is one IP address as Elasticsearch's <c>convert</c> processor (type
/// <c>ip</c>) accepts it: a dotted IPv4 address without leading zeros, or an IPv6 address.
/// </summary>
internal static class IpText
{
    public static bool IsIp(string text) => text.Contains(':') ? IsIPv6(text) : IsIPv4(text);

    private static bool IsIPv4(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(IsOctet);
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3
        && part.All(char.IsAsciiDigit)
        && (part.Length == 1 || part[0] != '0')
        && int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) <= 255;

    private static bool IsIPv6(string text) =>
        text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
        && IPAddress.TryParse(text, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;
}
