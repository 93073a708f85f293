using System.Text;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

public class NonCloudTrailFileTests
{
    [Fact]
    public void ConfigWritabilityCheckFileIsNamed()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("x"));

        var item = Assert.Single(new CloudTrailReader().ReadFile(stream, "AWSLogs/111122223333/Config/ConfigWritabilityCheckFile"));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
        Assert.Equal("AWS Config writability check file, not CloudTrail records", item.Reason);
    }

    [Fact]
    public void ConfigWritabilityCheckFileOnDisk()
    {
        var directory = Directory.CreateTempSubdirectory("vigil-config-").FullName;
        var path = Path.Combine(directory, "ConfigWritabilityCheckFile");
        File.WriteAllText(path, "");

        var item = Assert.Single(new CloudTrailReader().ReadFile(path));
        Directory.Delete(directory, recursive: true);

        Assert.Equal("AWS Config writability check file, not CloudTrail records", item.Reason);
    }

    [Fact]
    public void BinaryStartIsEscaped()
    {
        var item = Assert.Single(ReadAll([0x00, 0x01, (byte)'P', (byte)'K', 0xFF]));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
        Assert.Equal("not CloudTrail JSON: the data does not start with '{' or '['", item.Reason);
        Assert.Equal("byte 0, starting '\\x00\\x01PK\\xFF'", item.Location);
    }

    [Fact]
    public void GzipNameWithOtherData_IsError()
    {
        var stream = new MemoryStream([0xEE, 0xA2, (byte)'*', 0x9E, 0x00]);

        var item = Assert.Single(new CloudTrailReader().ReadFile(stream, "AWSLogs/trail.json.gz"));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.StartsWith("invalid gzip: the file name ends in .gz, but the data is neither gzip nor JSON", item.Reason, StringComparison.Ordinal);
        Assert.Equal("byte 0, starting '\\xEE\\xA2*\\x9E\\x00'", item.Location);
    }

    [Fact]
    public void GzipNameWithPlainJson_IsRead()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"Records\":[{Record(1)}]}}"));

        var item = Assert.Single(new CloudTrailReader().ReadFile(stream, "AWSLogs/trail.json.gz"));

        Assert.Equal(ReadOutcome.Record, item.Outcome);
    }
}
