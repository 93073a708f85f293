using Vigil.Map;

namespace Vigil.Tests.Map;

public class IpTextTests
{
    [Theory]
    [InlineData("198.51.100.7", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::ffff:192.0.2.1", true)]
    [InlineData("ec2.amazonaws.com", false)]
    [InlineData("AWS Internal", false)]
    [InlineData("81.2.69.142, 192.168.10.10", false)]
    [InlineData("01.2.3.4", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("[::1]", false)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("", false)]
    public void SingleAddressOnly(string text, bool expected)
    {
        Assert.Equal(expected, IpText.IsIp(text));
    }
}
