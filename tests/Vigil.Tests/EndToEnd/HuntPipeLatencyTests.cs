using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Tests.Support;

namespace Vigil.Tests.EndToEnd;

/// <summary>
/// A hunt piped to another program (<c>vigil hunt … | jq</c>) writes an alert found early within
/// about a second, while it still reads the rest of its input, and not only when the hunt ends.
/// </summary>
/// <remarks>
/// The alert's writer waits 1 s, so the hunt must still be reading a second after the alert
/// however fast the machine is. The test appends records to the input while the hunt reads it, as
/// a log still being copied in grows, and keeps <see cref="Lead"/> bytes ahead of the bytes the hunt
/// has read until the alert arrives. .NET reads a file with pread(2), which leaves the descriptor's
/// offset at 0, so the bytes read come from the process's <c>rchar</c> count in /proc.
/// </remarks>
public sealed class HuntPipeLatencyTests : IDisposable
{
    // Far enough ahead that the hunt does not reach the end of its input while the test appends,
    // even when the test's thread waits a while for a core.
    private const long Lead = 64L << 20;

    // Bounds the input when no alert comes while the hunt reads, so that a failing run ends.
    private const long MaxInputLength = 512L << 20;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task EarlyAlert_ReachesPipeWhileHuntReads()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test reads the hunt's bytes read and open files from /proc");
        var input = Path.Combine(_temp.Path, "growing.json");
        using var file = new FileStream(input, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        file.Write(Encoding.UTF8.GetBytes(RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString() + "\n"));
        var quiet = new QuietRecords();
        while (file.Length < Lead)
        {
            file.Write(quiet.NextChunk());
        }

        using var hunt = CliRunner.Start("hunt", input, "--format", "ndjson", "--threads", "1");
        hunt.StandardInput.Close();
        var error = hunt.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var firstLine = hunt.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask();

        var waiting = Stopwatch.StartNew();
        while (!firstLine.IsCompleted && waiting.Elapsed < Patience)
        {
            while (BytesRead(hunt.Id) > file.Length - Lead && file.Length < MaxInputLength)
            {
                file.Write(quiet.NextChunk());
            }

            await Task.WhenAny(firstLine, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        var inputOpen = HasOpen(hunt.Id, input);
        Assert.True(firstLine.IsCompleted, $"no alert reached the pipe within {Patience.TotalSeconds} s");
        Assert.True(inputOpen, $"the alert reached the pipe only after the hunt had read all {file.Length} bytes of its input");
        Assert.Contains("pipeline-role-1", await firstLine, StringComparison.Ordinal);

        var rest = await hunt.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(hunt.WaitForExit(Patience), "the hunt did not end after its input stopped growing");
        Assert.Equal(0, hunt.ExitCode);
        Assert.Equal("", rest);
        Assert.Matches(@"Alerts\s+1\b", await error);
    }

    /// <summary>Returns the bytes that <paramref name="processId"/> has read so far, 0 once it has ended.</summary>
    private static long BytesRead(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/io").First(line => line.StartsWith("rchar:", StringComparison.Ordinal));
            return long.Parse(line["rchar:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Returns whether <paramref name="processId"/> has a descriptor open on <paramref name="path"/>.</summary>
    private static bool HasOpen(int processId, string path)
    {
        string[] descriptors;
        try
        {
            descriptors = Directory.GetFileSystemEntries($"/proc/{processId}/fd");
        }
        catch (DirectoryNotFoundException)
        {
            // The process has ended.
            return false;
        }

        foreach (var descriptor in descriptors)
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget == path)
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed between the listing and the look-up.
            }
        }

        return false;
    }

    /// <summary>
    /// Chunks of 16 MiB of failed AssumeRole calls. The built-in rule maps them, as it maps the
    /// alert's record, but they raise no alert. Each chunk's number is in its records' eventIDs, so
    /// that no record is a repeated delivery, and only those digits change between chunks.
    /// </summary>
    private sealed class QuietRecords
    {
        private const int ChunkLength = 16 << 20;
        private const string Record = """{"eventVersion":"1.08","eventTime":"2026-12-01T10:00:01Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1","errorCode":"AccessDenied","eventID":"00000000-0000-4000-8001-CCCCCCRRRRRR"}""";

        private readonly byte[] _chunk;
        private readonly List<int> _chunkNumberOffsets = [];
        private int _chunks;

        public QuietRecords()
        {
            var records = new MemoryStream(ChunkLength + Record.Length + 1);
            var chunkNumberAt = Record.IndexOf("CCCCCC", StringComparison.Ordinal);
            for (var i = 0; records.Length < ChunkLength; i++)
            {
                _chunkNumberOffsets.Add((int)records.Length + chunkNumberAt);
                var index = i.ToString("D6", CultureInfo.InvariantCulture);
                records.Write(Encoding.UTF8.GetBytes(Record.Replace("RRRRRR", index, StringComparison.Ordinal) + "\n"));
            }

            _chunk = records.ToArray();
        }

        /// <summary>Returns the next chunk, in a buffer that the next call overwrites.</summary>
        public byte[] NextChunk()
        {
            _chunks++;
            var number = Encoding.ASCII.GetBytes(_chunks.ToString("D6", CultureInfo.InvariantCulture));
            foreach (var offset in _chunkNumberOffsets)
            {
                number.CopyTo(_chunk, offset);
            }

            return _chunk;
        }
    }
}
