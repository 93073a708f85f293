using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Vigil.Detect.Rules;
using Vigil.Output;

namespace Vigil.Tests.Output;

public sealed class NdjsonAlertWriterTests : IDisposable
{
    private static readonly DetectionRule Rule = BuiltInRules.All[0];

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

    /// <summary>A real stream that keeps the size of each write it passes on.</summary>
    private sealed class RecordingStream(Stream inner) : Stream
    {
        public List<byte[]> Writes { get; } = [];

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
            Writes.Add(buffer.AsSpan(offset, count).ToArray());
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
