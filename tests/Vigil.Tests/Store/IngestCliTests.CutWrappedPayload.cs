using Vigil.Tests.Support;
using static Vigil.Tests.Read.ReadHelpers;
using static Vigil.Tests.Read.SubscriptionPayloadText;

namespace Vigil.Tests.Store;

/// <summary>
/// <c>vigil hunt</c> and <c>vigil ingest</c> on a file of base64 payloads wrapped at 76 columns,
/// where a payload cut at a line break is followed by one of the same width.
/// </summary>
public sealed partial class IngestCliTests
{
    [Fact]
    public void Ingest_CutWrappedPayload_CountsMatchHunt()
    {
        using var directory = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(directory.Path, "input")).FullName;
        var cutSource = Wrap(Base64Gzip(Payload(StoreFixture.Records(40))), 76);
        Assert.True(cutSource.Length > 7, $"the payload to cut has only {cutSource.Length} lines");
        var cut = string.Join("\n", cutSource[..6]) + "\n";
        var next = Wrap(Base64Gzip(Payload(StoreFixture.Records(21, firstIndex: 100))), 76);
        File.WriteAllText(Path.Combine(input, "payloads.b64"), cut + string.Join("\n", next) + "\n");

        var hunt = CliRunner.Run("hunt", input);
        var ingest = CliRunner.Run("ingest", input, "--data", Path.Combine(directory.Path, "data"));

        // The records that the six cut lines contain whole, and all 21 of the next payload.
        var expected = ReadAll(cut).Records().Count + 21;
        var counts = IngestCounts(ingest.StandardError);
        Assert.Equal(expected, counts.Stored);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Equal(1, counts.Errors);
        AssertCountsMatch(hunt.StandardError, ingest.StandardError);
        Assert.Contains("payloads.b64: line 1, ", hunt.StandardError, StringComparison.Ordinal);
        Assert.Contains("payloads.b64: line 1, ", ingest.StandardError, StringComparison.Ordinal);
    }
}
