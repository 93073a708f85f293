using Vigil.Read;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

/// <summary>
/// The watcher's check of new gzip data returns true for exactly the cuts that the reader reports
/// as truncated and that more bytes could complete.
/// </summary>
public sealed class GzipCompletenessTests
{
    [Fact]
    public void EndsInsideMember_EveryCut_MatchesReaderError()
    {
        using var directory = new TempDirectory();
        var first = UnfinishedGzipTests.Member(StoreFixture.Records(2));
        byte[] bytes = [.. first, .. UnfinishedGzipTests.Member(StoreFixture.Records(2, firstIndex: 2))];
        var path = Path.Combine(directory.Path, "two-members.json.gz");
        File.WriteAllBytes(path, bytes);
        using var file = File.OpenRead(path);

        // Two bytes are the least the planner checks: the gzip magic.
        for (var cut = 2; cut <= bytes.Length; cut++)
        {
            var memberEnd = cut == first.Length || cut == bytes.Length;
            var readerError = new CloudTrailReader().ReadFile(new MemoryStream(bytes, 0, cut), path).Any(item => item.Outcome == ReadOutcome.Error);

            var inside = GzipCompleteness.EndsInsideMember(file, 0, cut, TestContext.Current.CancellationToken);

            Assert.True(inside != memberEnd, $"cut at byte {cut} of {bytes.Length}: inside a member {inside}, at a member end {memberEnd}");
            Assert.True(inside == readerError, $"cut at byte {cut} of {bytes.Length}: inside a member {inside}, reader error {readerError}");
        }
    }

    [Fact]
    public void EndsInsideMember_CorruptFarFromEnd_False()
    {
        using var directory = new TempDirectory();
        byte[] bytes = [.. UnfinishedGzipTests.CorruptMember(), .. UnfinishedGzipTests.RandomMember(1 << 20)];
        var path = Path.Combine(directory.Path, "corrupt.json.gz");
        File.WriteAllBytes(path, bytes);
        using var file = File.OpenRead(path);

        Assert.False(GzipCompleteness.EndsInsideMember(file, 0, bytes.Length, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void EndsInsideMember_CorruptLastMember_True()
    {
        using var directory = new TempDirectory();
        var bytes = UnfinishedGzipTests.CorruptMember();
        var path = Path.Combine(directory.Path, "corrupt.json.gz");
        File.WriteAllBytes(path, bytes);
        using var file = File.OpenRead(path);

        // The gzip layer read the whole small file before it failed, so the corruption cannot be
        // distinguished from a cut member. The watcher keeps it back until the file stops changing.
        Assert.True(GzipCompleteness.EndsInsideMember(file, 0, bytes.Length, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void EndsInsideMember_RangeOfOneMember_CheckedAlone()
    {
        using var directory = new TempDirectory();
        var first = UnfinishedGzipTests.Member(StoreFixture.Records(2));
        var second = UnfinishedGzipTests.Member(StoreFixture.Records(2, firstIndex: 2));
        var path = Path.Combine(directory.Path, "two-members.json.gz");
        File.WriteAllBytes(path, [.. first, .. second[..(second.Length / 2)]]);
        using var file = File.OpenRead(path);

        Assert.False(GzipCompleteness.EndsInsideMember(file, 0, first.Length, TestContext.Current.CancellationToken));
        Assert.True(GzipCompleteness.EndsInsideMember(file, first.Length, file.Length, TestContext.Current.CancellationToken));
    }
}
