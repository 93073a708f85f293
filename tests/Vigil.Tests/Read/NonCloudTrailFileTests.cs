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

    [Theory]
    [InlineData("")]
    [InlineData(".gz")]
    public void ConfigWritabilityCheckFileWithRecordsIsRead(string compression)
    {
        // The name alone must not hide records: anyone who can write to the bucket can choose it.
        var text = $"{Record(1)}\n{Record(2)}\n";
        var bytes = compression == ".gz" ? Gzip(text) : Encoding.UTF8.GetBytes(text);

        var items = new CloudTrailReader().ReadFile(new MemoryStream(bytes), "AWSLogs/111122223333/Config/ConfigWritabilityCheckFile").ToList();

        Assert.Equal(2, items.Records().Count);
        Assert.Equal(2, items.Count);
    }

    [Theory]
    [InlineData("zip", "a zip archive")]
    [InlineData("tar", "a tar archive")]
    [InlineData("tar.gz", "a tar archive")]
    [InlineData("bz2", "bzip2 data")]
    [InlineData("xz", "xz data")]
    [InlineData("zstd", "zstd data")]
    [InlineData("7z", "a 7z archive")]
    public void ArchiveIsErrorWithExtractCommand(string format, string kind)
    {
        var item = Assert.Single(ReadAll(Archive(format)));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.Equal("byte 0", item.Location);
        Assert.StartsWith($"{kind}, which Vigil does not open: extract it first (", item.Reason);
    }

    /// <summary>The start of an archive holding one record file, as each tool writes it.</summary>
    private static byte[] Archive(string format)
    {
        var record = Encoding.UTF8.GetBytes(Record(1) + "\n");
        switch (format)
        {
            case "zip":
                var zip = new MemoryStream();
                using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                {
                    using var entry = archive.CreateEntry("AWSLogs/r.json").Open();
                    entry.Write(record);
                }

                return zip.ToArray();

            case "tar" or "tar.gz":
                var tar = new MemoryStream();
                using (var writer = new System.Formats.Tar.TarWriter(tar, System.Formats.Tar.TarEntryFormat.Ustar, leaveOpen: true))
                {
                    writer.WriteEntry(new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "AWSLogs/r.json") { DataStream = new MemoryStream(record) });
                }

                return format == "tar" ? tar.ToArray() : Gzip(tar.ToArray());

            case "bz2":
                return [.. "BZh91AY&SY"u8, 0x01, 0x02];

            case "zstd":
                return [0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00];

            case "7z":
                return [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04];

            default:
                return [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, 0x00, 0x04];
        }
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
    public void GzipOfOtherData_IsSkipped()
    {
        var stream = new MemoryStream(Gzip("GET /index.html\n"));

        var item = Assert.Single(new CloudTrailReader().ReadFile(stream, "AWSLogs/access.log.gz"));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
        Assert.Equal("not CloudTrail JSON: the data does not start with '{' or '['", item.Reason);
        Assert.Equal("byte 0, starting 'GET /index.html\\x0A'", item.Location);
    }

    [Fact]
    public void GzipNameWithPlainJson_IsRead()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"Records\":[{Record(1)}]}}"));

        var item = Assert.Single(new CloudTrailReader().ReadFile(stream, "AWSLogs/trail.json.gz"));

        Assert.Equal(ReadOutcome.Record, item.Outcome);
    }
}
