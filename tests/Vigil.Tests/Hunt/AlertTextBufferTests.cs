using System.Text;
using Vigil.Hunt;

namespace Vigil.Tests.Hunt;

public class AlertTextBufferTests
{
    [Fact]
    public void Slice_AfterGrowth_ReturnsEachText()
    {
        var buffer = new AlertTextBuffer();
        var texts = Enumerable.Range(0, 200).Select(i => Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), 1000 + i))).ToList();

        var offsets = texts.Select(text => buffer.Append(text)).ToList();

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.True(buffer.Slice(offsets[i], texts[i].Length).SequenceEqual(texts[i]), $"text {i}");
        }
    }

    [Fact]
    public void Clear_StartsAgainAtZero()
    {
        var buffer = new AlertTextBuffer();
        buffer.Append("first"u8);

        buffer.Clear();

        Assert.Equal(0, buffer.Append("second"u8));
        Assert.Equal("second", Encoding.UTF8.GetString(buffer.Slice(0, 6)));
    }

    [Fact]
    public void Clear_AfterLargeBatch_KeepsWorking()
    {
        var buffer = new AlertTextBuffer();
        var large = new byte[5 * 1024 * 1024];
        large.AsSpan().Fill((byte)'x');
        buffer.Append(large);

        buffer.Clear();

        Assert.Equal(0, buffer.Append("small"u8));
        Assert.Equal("small", Encoding.UTF8.GetString(buffer.Slice(0, 5)));
    }
}
