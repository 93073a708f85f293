using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>Records, lines and log events are numbered from 1 in every location.</summary>
public class LocationTests
{
    [Theory]
    [InlineData("{\"Records\":[", "record 1, byte 12")]
    [InlineData("{\"Records\":[ x]}", "record 1, byte 13")]
    [InlineData("[{\"eventName\":\"A\"},", "record 2, byte 19")]
    [InlineData("[{\"eventName\":\"A\"},x]", "record 2, byte 19")]
    public void ArrayErrorNamesRecordFromOne(string text, string location)
    {
        Assert.Equal(location, Assert.Single(ReadAll(text).Errors()).Location);
    }

    [Fact]
    public void OneRecordRecoveredIsSingular()
    {
        var error = ReadAll($"{{\"Records\":[{Record(1)},{{\"eventName\":\"x")[^1];

        Assert.Contains("1 record recovered before it", error.Reason);
    }

    [Fact]
    public void LogEventNumberedFromOne()
    {
        var items = ReadAll("""{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1"}]}""");

        Assert.Equal("line 1, log event 1, byte 43", Assert.Single(items.Errors()).Location);
    }
}
