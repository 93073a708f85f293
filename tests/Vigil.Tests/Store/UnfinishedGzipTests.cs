using System.IO.Compression;
using Vigil.Read;
using Vigil.Store;

namespace Vigil.Tests.Store;

/// <summary>
/// A watched gzip file whose last member is still being written (a download in progress, a writer
/// that flushed mid-member) is not read and not reported as truncated while the file is young. It is
/// read from the old end once the member is complete, and reported once as truncated when the file
/// stops changing without completing it. New complete members are read at once, as before.
/// </summary>
public sealed class UnfinishedGzipTests
{
    // Younger than the default UnfinishedFileWait (one minute), older than the poll interval, so a
    // changed file is due at the next poll.
    private static readonly TimeSpan Young = TimeSpan.FromSeconds(10);

    [Fact]
    public void PollOnce_HalfWrittenGzip_WaitsForRest()
    {
        using var fixture = new StoreFixture();
        var member = Member(StoreFixture.Records(50));
        var half = member.Length / 2;
        var path = Path.Combine(fixture.InputDirectory, "delivery.json.gz");
        WriteAged(path, member[..half], Young);
        var problems = new List<ReadItem>();
        using var watcher = Watcher(fixture, problems);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var second = watcher.PollOnce(TestContext.Current.CancellationToken);
        AppendAged(path, member[half..], Young);
        var completed = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, first.Records);
        Assert.Equal(0, second.Records);
        Assert.Empty(problems);
        Assert.Equal(50, completed.Stored);
        Assert.Equal(0, completed.Duplicates);
        Assert.Equal(0, completed.Errors);
        Assert.Equal(50, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_CutMemberStays_ReportedOnce()
    {
        using var fixture = new StoreFixture();
        var member = Member(StoreFixture.Records(50));
        var path = Path.Combine(fixture.InputDirectory, "delivery.json.gz");
        WriteAged(path, member[..(member.Length / 2)], TimeSpan.FromMinutes(2));
        var problems = new List<ReadItem>();
        using var watcher = Watcher(fixture, problems);

        // Written longer ago than the wait for a writer, so it is read as it is at the first poll.
        var final = watcher.PollOnce(TestContext.Current.CancellationToken);
        var after = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(1, final.Errors);
        Assert.True(final.Stored > 0);
        Assert.Equal(path, Assert.Single(problems).File);
        Assert.Contains("gzip", Assert.Single(problems).Reason, StringComparison.Ordinal);
        Assert.Equal(0, after.Records);
    }

    [Fact]
    public void PollOnce_ShorterWait_ReportsCutMemberSooner()
    {
        using var fixture = new StoreFixture();
        var member = Member(StoreFixture.Records(50));
        var path = Path.Combine(fixture.InputDirectory, "delivery.json.gz");
        WriteAged(path, member[..(member.Length / 2)], Young);
        var problems = new List<ReadItem>();
        var options = new FolderWatcherOptions
        {
            PollInterval = TimeSpan.FromSeconds(1),
            UnfinishedFileWait = TimeSpan.FromSeconds(5),
            WakeOnChange = false,
            Ingest = new IngestOptions { ProblemFound = problems.Add },
        };
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], options);

        // Ten seconds old is past a five-second wait, so the cut member is reported at the first poll.
        var final = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(1, final.Errors);
        Assert.Equal(path, Assert.Single(problems).File);
    }

    [Fact]
    public void PollOnce_SecondMemberCompleted_NoDuplicates()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "delivery.json.gz");
        WriteAged(path, Member(StoreFixture.Records(3)), Young);
        var second = Member(StoreFixture.Records(40, firstIndex: 3));
        var half = second.Length / 2;
        var problems = new List<ReadItem>();
        using var watcher = Watcher(fixture, problems);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        AppendAged(path, second[..half], Young);
        var partial = watcher.PollOnce(TestContext.Current.CancellationToken);
        AppendAged(path, second[half..], Young);
        var completed = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Stored);
        Assert.Equal(0, partial.Records);
        Assert.Equal(40, completed.Stored);
        Assert.Equal(0, completed.Duplicates);
        Assert.Equal(0, completed.Errors);
        Assert.Empty(problems);
        Assert.Equal(43, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_FlushedMidMember_ReadWhenClosed()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "stream.ndjson.gz");
        var problems = new List<ReadItem>();
        using var watcher = Watcher(fixture, problems);
        var polls = new List<IngestSummary>();

        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            for (var flush = 0; flush < 2; flush++)
            {
                gzip.Write(Lines(StoreFixture.Records(5, firstIndex: 5 * flush)));

                // A sync flush ends the deflate data written so far on a byte boundary, without a
                // trailer, so what the file contains inflates but the member is not complete.
                gzip.Flush();
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow - Young);
                polls.Add(watcher.PollOnce(TestContext.Current.CancellationToken));
            }
        }

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - Young);
        var closed = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.All(polls, poll => Assert.Equal(0, poll.Records));
        Assert.Empty(problems);
        Assert.Equal(10, closed.Stored);
        Assert.Equal(0, closed.Errors);
    }

    [Fact]
    public void PollOnce_NewCompleteMember_ReadAtOnce()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "delivery.json.gz");
        WriteAged(path, Member(StoreFixture.Records(3)), Young);
        using var watcher = Watcher(fixture, []);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        AppendAged(path, Member(StoreFixture.Records(4, firstIndex: 3)), Young);
        var grown = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Stored);
        Assert.Equal(4, grown.Stored);
        Assert.Equal(0, grown.Duplicates);
        Assert.Equal(0, grown.Errors);
        Assert.Equal(7, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_CorruptMidFile_ReportedAtOnce()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "delivery.json.gz");
        WriteAged(path, [.. Member(StoreFixture.Records(3)), .. CorruptMember(), .. RandomMember(1 << 20)], Young);
        var problems = new List<ReadItem>();
        using var watcher = Watcher(fixture, problems);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Stored);
        Assert.Equal(1, first.Errors);
        Assert.Equal(path, Assert.Single(problems).File);
    }

    /// <summary>Returns one complete gzip member holding <paramref name="records"/> as NDJSON.</summary>
    internal static byte[] Member(IEnumerable<string> records) => Compress(Lines(records));

    /// <summary>
    /// Returns a gzip member whose first deflate block has the reserved block type 3, so the
    /// inflater rejects it at the member's 11th byte, the first after the 10-byte header that
    /// <see cref="GZipStream"/> writes.
    /// </summary>
    internal static byte[] CorruptMember()
    {
        var member = Member(StoreFixture.Records(20));
        member[10] |= 0b110;
        return member;
    }

    /// <summary>Returns a gzip member of <paramref name="length"/> random bytes, which deflate cannot shrink.</summary>
    internal static byte[] RandomMember(int length) => Compress(System.Security.Cryptography.RandomNumberGenerator.GetBytes(length));

    private static byte[] Compress(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return compressed.ToArray();
    }

    private static byte[] Lines(IEnumerable<string> records) => System.Text.Encoding.UTF8.GetBytes(string.Concat(records.Select(r => r + "\n")));

    private static FolderWatcher Watcher(StoreFixture fixture, List<ReadItem> problems) =>
        new(fixture.Store, [fixture.InputDirectory], new FolderWatcherOptions
        {
            PollInterval = TimeSpan.FromSeconds(1),
            WakeOnChange = false,
            Ingest = new IngestOptions { ProblemFound = problems.Add },
        });

    private static void WriteAged(string path, byte[] bytes, TimeSpan age)
    {
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
    }

    private static void AppendAged(string path, byte[] bytes, TimeSpan age)
    {
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(bytes);
        }

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
    }
}
