using System.Text;
using System.Text.Json.Nodes;
using Vigil.Cli;
using Vigil.Map;

namespace Vigil.Tests.Cli;

/// <summary>
/// The conversion's writer hands its stream only whole lines, so output cut short by a signal, or
/// shared by two conversions appending to one file, never ends or joins mid-document.
/// </summary>
public class ConvertDocumentWriterTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("logs-aws.cloudtrail-default")]
    public void EachWriteEndsWithNewline(string? bulkIndex)
    {
        var stream = new WriteRecordingStream();

        // Documents of about 1 KB, enough for several blocks.
        using (var writer = new ConvertDocumentWriter(stream, bulkIndex))
        {
            for (var i = 0; i < 200; i++)
            {
                writer.Write(new EcsDocument(new JsonObject { ["message"] = new string('x', 1000 + i) }));
            }
        }

        Assert.True(stream.Writes.Count > 1, "the documents went out in one write; write more of them");
        Assert.All(stream.Writes, write => Assert.EndsWith("\n", write, StringComparison.Ordinal));
        Assert.All(stream.Writes, write => Assert.StartsWith("{", write, StringComparison.Ordinal));
    }

    [Fact]
    public void DisposeWritesWaitingLines()
    {
        var stream = new WriteRecordingStream();

        using (var writer = new ConvertDocumentWriter(stream, bulkIndex: null))
        {
            writer.Write(new EcsDocument(new JsonObject { ["message"] = "one" }));
        }

        Assert.Equal("{\"message\":\"one\"}\n", string.Concat(stream.Writes));
    }

    /// <summary>A stream that keeps the text of each write call, as write(2) would receive it.</summary>
    private sealed class WriteRecordingStream : MemoryStream
    {
        public List<string> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(Encoding.UTF8.GetString(buffer));

        public override void WriteByte(byte value) => Writes.Add(((char)value).ToString());
    }
}
