using System.Collections.Concurrent;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Vigil.Detect.Rules;
using Vigil.Output;
using Vigil.Tests.Support;

namespace Vigil.Tests.Output;

public sealed class NdjsonAlertWriterTests : IDisposable
{
    private static readonly DetectionRule Rule = BuiltInRules.All[0];

    // Generous, because a loaded machine may start the timer's callback late. The writers under
    // test wait 1 to 100 ms.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-ndjson-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lines_File_SameBytesEitherWay(bool buffered)
    {
        var alerts = Alerts();
        var path = Path.Combine(_folder, "alerts.ndjson");

        using (var writer = new NdjsonAlertWriter(File.Create(path, bufferSize: 0), ownsStream: true, buffered))
        {
            foreach (var alert in alerts)
            {
                writer.Write(Rule, alert);
            }
        }

        var expected = alerts.SelectMany(alert => alert.Append((byte)'\n')).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void Buffered_File_WritesWholeLinesUpToBlock()
    {
        var path = Path.Combine(_folder, "alerts.ndjson");
        using var file = new RecordingStream(File.Create(path, bufferSize: 0));

        using (var writer = new NdjsonAlertWriter(file, ownsStream: false, buffered: true))
        {
            foreach (var alert in Alerts())
            {
                writer.Write(Rule, alert);
            }
        }

        var total = Alerts().Sum(alert => alert.Length + 1);
        Assert.True(total > 3 * NdjsonAlertWriter.BlockSize, $"the alerts fill only {total} bytes");
        Assert.Equal(total, file.Writes.Sum(write => write.Length));
        Assert.All(file.Writes, write => Assert.Equal((byte)'\n', write[^1]));
        Assert.All(file.Writes, write => Assert.True(write.Length <= NdjsonAlertWriter.BlockSize || write.Count(b => b == '\n') == 1, $"a write of {write.Length} bytes"));
        Assert.True(file.Writes.Count < Alerts().Count / 4, $"{file.Writes.Count} writes for {Alerts().Count} alerts");
    }

    [Fact]
    public void Buffered_TwoAppenders_KeepLinesWhole()
    {
        // Two hunts appending to one file (>>) interleave their writes. Each write contains whole lines,
        // so every line of the file is one writer's whole alert.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the O_APPEND flag value is Linux's");
        var path = Path.Combine(_folder, "shared.ndjson");
        var first = new NdjsonAlertWriter(OpenForAppend(path), ownsStream: true, buffered: true);
        var second = new NdjsonAlertWriter(OpenForAppend(path), ownsStream: true, buffered: true);
        var alerts = Alerts();

        foreach (var alert in alerts)
        {
            first.Write(Rule, alert);
            second.Write(Rule, alert);
        }

        first.Dispose();
        second.Dispose();

        var expected = alerts.Select(Encoding.UTF8.GetString).ToHashSet();
        var lines = File.ReadAllText(path).Split('\n')[..^1];
        Assert.Equal(2 * alerts.Count, lines.Length);
        Assert.All(lines, line => Assert.Contains(line, expected));
    }

    [Fact]
    public void Buffered_WaitedLine_GoesOutWithNextAlert()
    {
        using var stream = new RecordingStream(new MemoryStream());
        using var writer = new NdjsonAlertWriter(stream, ownsStream: false, buffered: true) { MaxWait = TimeSpan.Zero };

        writer.Write(Rule, "{\"a\":1}"u8);

        Assert.Equal([8], stream.Writes.Select(write => write.Length));
    }

    [Fact]
    public void Buffered_LongWait_HoldsLinesUntilDispose()
    {
        using var stream = new RecordingStream(new MemoryStream());
        var writer = new NdjsonAlertWriter(stream, ownsStream: false, buffered: true) { MaxWait = TimeSpan.FromHours(1) };

        writer.Write(Rule, "{\"a\":1}"u8);
        writer.Write(Rule, "{\"b\":2}"u8);
        Assert.Empty(stream.Writes);

        writer.Dispose();
        Assert.Equal([16], stream.Writes.Select(write => write.Length));
    }

    [Fact]
    public void Buffered_Flush_WritesWaitingLinesAtOnce()
    {
        using var stream = new RecordingStream(new MemoryStream());
        using var writer = new NdjsonAlertWriter(stream, ownsStream: false, buffered: true) { MaxWait = TimeSpan.FromHours(1) };

        writer.Write(Rule, "{\"a\":1}"u8);
        writer.Write(Rule, "{\"b\":2}"u8);
        writer.Flush();
        writer.Flush();

        Assert.Equal([16], stream.Writes.Select(write => write.Length));
    }

    [Fact]
    public void Buffered_FullDisk_RaisesOnceAndDropsLines()
    {
        // Linux's /dev/full fails every write with ENOSPC, as a full disk does.
        Assert.SkipUnless(File.Exists("/dev/full"), "/dev/full is a Linux device");
        var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var writer = new NdjsonAlertWriter(stream, ownsStream: true, buffered: true) { MaxWait = TimeSpan.FromHours(1) };
        var big = Encoding.UTF8.GetBytes($"{{\"a\":\"{new string('x', NdjsonAlertWriter.BlockSize)}\"}}");

        var error = Assert.Throws<AlertOutputException>(() => writer.Write(Rule, big));
        Assert.Contains("space", error.Message);

        var disposeError = Record.Exception(writer.Dispose);
        Assert.Null(disposeError);
    }

    [Fact]
    public async Task Buffered_Pipe_LineArrivesWithoutNextAlert()
    {
        using var pipe = new Pipe();
        using var reader = new StreamReader(pipe.ReadEnd);
        var writer = new NdjsonAlertWriter(pipe.WriteEnd, ownsStream: false, buffered: true) { MaxWait = TimeSpan.FromMilliseconds(100) };
        var line = Task.Run(reader.ReadLine, TestContext.Current.CancellationToken);

        writer.Write(Rule, "{\"a\":1}"u8);
        var arrived = await CompletesWithin(line, Patience);

        // Dispose writes out what the timer did not, which also ends the read of a failed run.
        writer.Dispose();
        Assert.True(arrived, $"no line reached the pipe's reader within {Patience.TotalSeconds} s of the write");
        Assert.Equal("{\"a\":1}", await line);
    }

    [Fact]
    public void Buffered_TimerWriteFails_NextWriteRaisesOnce()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "/dev/full is a Linux device");
        var stream = new RecordingStream(new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0));
        var writer = new NdjsonAlertWriter(stream, ownsStream: true, buffered: true) { MaxWait = TimeSpan.FromMilliseconds(100) };

        writer.Write(Rule, "{\"a\":1}"u8);
        Assert.True(Eventually.True(() => !stream.Writes.IsEmpty, Patience), "the timer wrote nothing");

        var error = Assert.Throws<AlertOutputException>(() => writer.Write(Rule, "{\"b\":2}"u8));
        Assert.Contains("space", error.Message);
        Assert.IsAssignableFrom<IOException>(error.InnerException);

        var disposeError = Record.Exception(writer.Dispose);
        Assert.Null(disposeError);
        Assert.Single(stream.Writes);
    }

    [Fact]
    public void Buffered_TimerWriteToClosedPipe_DisposeRaises()
    {
        var pipe = new Pipe();
        pipe.ReadEnd.Dispose();
        pipe.WriteEnd.DisposeLocalCopyOfClientHandle();
        var stream = new RecordingStream(pipe.WriteEnd);
        var writer = new NdjsonAlertWriter(stream, ownsStream: true, buffered: true) { MaxWait = TimeSpan.FromMilliseconds(100) };

        writer.Write(Rule, "{\"a\":1}"u8);
        Assert.True(Eventually.True(() => !stream.Writes.IsEmpty, Patience), "the timer wrote nothing");

        var error = Assert.Throws<AlertOutputException>(writer.Dispose);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Single(stream.Writes);

        var secondError = Record.Exception(writer.Dispose);
        Assert.Null(secondError);
    }

    [Fact]
    public async Task Buffered_DisposeDuringTimerWrite_WritesLineOnce()
    {
        // A line larger than the pipe's buffer (64 KiB on Linux) keeps the timer's write in progress
        // until the test reads, so Dispose starts while the callback is writing.
        using var pipe = new Pipe();
        var stream = new RecordingStream(pipe.WriteEnd);
        var writer = new NdjsonAlertWriter(stream, ownsStream: true, buffered: true) { MaxWait = TimeSpan.FromMilliseconds(100) };
        var alert = Encoding.UTF8.GetBytes($"{{\"pad\":\"{new string('x', 200_000)}\"}}");

        writer.Write(Rule, alert);
        Assert.True(Eventually.True(() => !stream.Writes.IsEmpty, Patience), "the timer wrote nothing");
        var disposing = Task.Run(writer.Dispose, TestContext.Current.CancellationToken);
        var disposedDuringWrite = await CompletesWithin(disposing, TimeSpan.FromMilliseconds(200));

        var output = new MemoryStream();
        var reading = Task.Run(() => pipe.ReadEnd.CopyTo(output), TestContext.Current.CancellationToken);
        Assert.True(await CompletesWithin(disposing, Patience), "Dispose did not return after the pipe was read");
        Assert.True(await CompletesWithin(reading, Patience), "the pipe's reader did not reach the end");
        Assert.False(disposedDuringWrite, "Dispose returned while the timer's write was blocked");
        Assert.Equal(alert.Append((byte)'\n').ToArray(), output.ToArray());
        Assert.Single(stream.Writes);
    }

    [Fact]
    public async Task Buffered_WritesDuringTimer_KeepLinesWhole()
    {
        // With a wait of 1 ms the timer's callback fires while the loop writes, and contends with
        // Write for the lock. Every 2,000 alerts the loop pauses until the reader has every line,
        // which only the timer can bring about when the last alert did not write the block out.
        const int count = 20_000;
        using var pipe = new Pipe();
        var lines = new ConcurrentQueue<string>();
        var reading = Task.Run(() => ReadLines(pipe.ReadEnd, lines), TestContext.Current.CancellationToken);
        var stream = new RecordingStream(pipe.WriteEnd);
        var writer = new NdjsonAlertWriter(stream, ownsStream: true, buffered: true) { MaxWait = TimeSpan.FromMilliseconds(1) };

        for (var i = 0; i < count; i++)
        {
            writer.Write(Rule, Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{new string('x', i % 700)}\"}}"));
            if (i % 2_000 == 1_999)
            {
                var written = i + 1;
                Assert.True(Eventually.True(() => lines.Count == written, Patience), $"{lines.Count} of {written} lines reached the reader");
            }
        }

        writer.Dispose();
        Assert.True(await CompletesWithin(reading, Patience), "the pipe's reader did not reach the end");

        Assert.Equal(count, lines.Count);
        var expected = 0;
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(expected++, document.RootElement.GetProperty("n").GetInt32());
        }

        Assert.All(stream.Writes, write => Assert.Equal((byte)'\n', write[^1]));
        Assert.True(stream.WritesFromOtherThreads > 0, "the timer wrote no block");
    }

    [Fact]
    public void Buffered_WriteAfterDispose_Throws()
    {
        using var stream = new RecordingStream(new MemoryStream());
        var writer = new NdjsonAlertWriter(stream, ownsStream: false, buffered: true) { MaxWait = TimeSpan.FromMilliseconds(100) };

        writer.Write(Rule, "{\"a\":1}"u8);
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.Write(Rule, "{\"b\":2}"u8));
        Assert.Equal([8], stream.Writes.Select(write => write.Length));
    }

    private static void ReadLines(Stream stream, ConcurrentQueue<string> lines)
    {
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            lines.Enqueue(line);
        }
    }

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="timeout"/>, and returns whether it completed.</summary>
    private static async Task<bool> CompletesWithin(Task task, TimeSpan timeout)
    {
        var first = await Task.WhenAny(task, Task.Delay(timeout, TestContext.Current.CancellationToken));
        return first == task;
    }

    /// <summary>
    /// Opens <paramref name="path"/> as a shell's <c>&gt;&gt;</c> does, with O_APPEND, which .NET's
    /// FileMode.Append does not set. Every write then goes to the file's end.
    /// </summary>
    private static FileStream OpenForAppend(string path)
    {
        const int writeOnly = 0x1;
        const int create = 0x40;
        const int append = 0x400;
        var descriptor = Open(path, writeOnly | create | append, Convert.ToInt32("644", 8));
        Assert.True(descriptor >= 0, $"open failed with errno {Marshal.GetLastPInvokeError()}");
        return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    /// <summary>Alerts of 100 bytes to one and a half blocks, so that some span a block's end.</summary>
    private static List<byte[]> Alerts()
    {
        var random = new Random(7);
        var alerts = new List<byte[]>();
        for (var i = 0; i < 300; i++)
        {
            var size = i % 50 == 49 ? NdjsonAlertWriter.BlockSize * 3 / 2 : random.Next(100, 9000);
            alerts.Add(Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{new string((char)('a' + (i % 26)), size)}\"}}"));
        }

        return alerts;
    }

    /// <summary>
    /// A real anonymous pipe, both ends in this process. Dispose closes the write end first, because
    /// disposing the read end while a read is in progress waits for that read to return, which it
    /// does at the write end's close (observed with .NET 10 on Linux).
    /// </summary>
    private sealed class Pipe : IDisposable
    {
        public Pipe() => ReadEnd = new AnonymousPipeClientStream(PipeDirection.In, WriteEnd.ClientSafePipeHandle);

        public AnonymousPipeServerStream WriteEnd { get; } = new(PipeDirection.Out);

        public AnonymousPipeClientStream ReadEnd { get; }

        public void Dispose()
        {
            WriteEnd.Dispose();
            ReadEnd.Dispose();
        }
    }

    /// <summary>
    /// A real stream that keeps the bytes of each write it passes on, and counts the writes made on
    /// a thread other than the one that created it, such as the writer's timer.
    /// </summary>
    private sealed class RecordingStream(Stream inner) : Stream
    {
        private readonly int _creatorThreadId = Environment.CurrentManagedThreadId;
        private int _writesFromOtherThreads;

        public ConcurrentQueue<byte[]> Writes { get; } = [];

        public int WritesFromOtherThreads => Volatile.Read(ref _writesFromOtherThreads);

        public override bool CanRead => false;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes.Enqueue(buffer.AsSpan(offset, count).ToArray());
            if (Environment.CurrentManagedThreadId != _creatorThreadId)
            {
                Interlocked.Increment(ref _writesFromOtherThreads);
            }

            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
