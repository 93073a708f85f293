using Vigil.Read;

namespace Vigil.Tests.Read;

public class Utf8InternerTests
{
    [Fact]
    public void SameTextGivesTheSameString()
    {
        var interner = new Utf8Interner();

        var first = interner.GetString("AssumeRole"u8);
        var second = interner.GetString("AssumeRole"u8);

        Assert.Equal("AssumeRole", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void CanonicalInstanceIsKept()
    {
        var shared = new string("eventName".AsSpan());
        var interner = new Utf8Interner(text => text == "eventName" ? shared : text);

        Assert.Same(shared, interner.GetString("eventName"u8));
        Assert.Same(shared, interner.GetString("eventName"u8));
        Assert.Equal("eventTime", interner.GetString("eventTime"u8));
    }

    [Fact]
    public void NonAsciiTextRoundTrips()
    {
        Assert.Equal("café ☃", new Utf8Interner().GetString("café ☃"u8));
    }

    [Fact]
    public void LongTextIsNotShared()
    {
        var interner = new Utf8Interner();
        var text = new string('a', Utf8Interner.MaxLength + 1);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);

        var first = interner.GetString(utf8);

        Assert.Equal(text, first);
        Assert.NotSame(first, interner.GetString(utf8));
    }

    [Fact]
    public void SetStopsGrowingAtItsLimit()
    {
        var interner = new Utf8Interner();
        for (var i = 0; i < Utf8Interner.MaxCount; i++)
        {
            interner.GetString(System.Text.Encoding.UTF8.GetBytes($"name-{i}"));
        }

        for (var i = 0; i < 1000; i++)
        {
            interner.GetString(System.Text.Encoding.UTF8.GetBytes($"more-{i}"));
        }

        Assert.Equal(Utf8Interner.MaxCount, interner.Count);
        Assert.Equal("more-999", interner.GetString("more-999"u8));
        Assert.Same(interner.GetString("name-0"u8), interner.GetString("name-0"u8));
    }
}
