using CsCheck;
using static Vigil.Tests.Read.ReadHelpers;
using static Vigil.Tests.Read.SubscriptionPayloadText;

namespace Vigil.Tests.Read.Containers;

/// <summary>
/// Base64 payloads wrapped at a fixed width, where a payload cut at a line break is followed by a
/// payload wrapped at the same width. The cut payload is one error naming its line, and the next
/// payload is read whole. A healthy payload whose wrapped line starts like a gzip header is not split.
/// </summary>
public class Base64CutWrappedPayloadTests
{
    // Base64 tools wrap at 64 or 76 characters, and widths 73 and 75 split groups of four across lines.
    private static readonly int[] Widths = [64, 73, 75, 76];

    [Theory]
    [InlineData(76, "\n")]
    [InlineData(76, "\r\n")]
    [InlineData(64, "\n")]
    [InlineData(75, "\n")]
    public void CutPayload_NextSameWidthPayloadRead(int width, string lineBreak)
    {
        var cutSource = Wrap(Base64Gzip(Payload(Enumerable.Range(1, 40))), width);
        Assert.True(cutSource.Length > 7, $"the payload to cut has only {cutSource.Length} lines");
        var next = Wrap(Base64Gzip(Payload(Enumerable.Range(100, 21))), width);
        Assert.True(next.Length > 2, $"the next payload has only {next.Length} lines");
        var lines = cutSource[..6].Concat(next).Append(Base64Gzip(Payload([200])));

        var items = ReadAll(string.Join(lineBreak, lines) + lineBreak);

        // The records that the six lines contain whole are read before the error.
        var ids = EventIds(items);
        var recovered = ids.TakeWhile(id => id is not ("id-100" or "id-200")).Count();
        Assert.Equal(Enumerable.Range(1, recovered).Concat(Enumerable.Range(100, 21)).Append(200).Select(id => $"id-{id}"), ids);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 1, ", error.Location, StringComparison.Ordinal);
        Assert.Contains("gzip member 1 has no valid trailer (CRC-32 and size)", error.Reason, StringComparison.Ordinal);
        Assert.Contains("the base64 payload that starts at line 1", error.Reason, StringComparison.Ordinal);
        Assert.Equal("line 7, log event 1", items.Records()[recovered].Location);
        Assert.Equal(ids.Count + 1, items.Count);
    }

    [Fact]
    public void TwoCutPayloads_EachOneError()
    {
        var first = Wrap(Base64Gzip(Payload(Enumerable.Range(1, 40))), 76);
        var second = Wrap(Base64Gzip(Payload(Enumerable.Range(100, 40))), 76);
        var third = Wrap(Base64Gzip(Payload(Enumerable.Range(200, 21))), 76);
        Assert.True(second.Length > 5, $"the second payload has only {second.Length} lines");

        var items = ReadAll(string.Join("\n", first[..6].Concat(second[..4]).Concat(third)) + "\n");

        Assert.Equal(Enumerable.Range(200, 21).Select(id => $"id-{id}"), EventIds(items).TakeLast(21));
        Assert.Equal(["line 1", "line 7"], items.Errors().Select(error => error.Location.Split(',')[0]));
        Assert.Equal("line 11, log event 1", items.Records()[^21].Location);
    }

    [Fact]
    public void CutOnGroupOfOne_NextPayloadRead()
    {
        // At a width of 73, five lines end one character into a group of four.
        var cutSource = Wrap(Base64Gzip(Payload(Enumerable.Range(1, 40))), 73);
        var next = Wrap(Base64Gzip(Payload(Enumerable.Range(100, 21))), 73);

        var items = ReadAll(string.Join("\n", cutSource[..5].Concat(next)) + "\n");

        Assert.Equal(Enumerable.Range(100, 21).Select(id => $"id-{id}"), EventIds(items).TakeLast(21));
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 1, ", error.Location, StringComparison.Ordinal);
        Assert.Contains("line 5, the last line of the payload that starts at line 1, ends with a single character of a group of four", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FullWidthEnd_NextNamesItsLine()
    {
        // An unpadded payload whose text fills its last line ends where the next one starts.
        var whole = Enumerable.Range(1, 200)
            .Select(count => Base64Gzip(Payload(Enumerable.Range(1, count))))
            .First(text => text.Length % 76 == 0 && !text.EndsWith('='));
        var first = Wrap(whole, 76);
        var next = Wrap(Base64Gzip(Payload(Enumerable.Range(1000, 5))), 76);

        var items = ReadAll(string.Join("\n", first.Concat(next)) + "\n");

        Assert.Empty(items.Errors());
        Assert.Equal(Enumerable.Range(1000, 5).Select(id => $"id-{id}"), EventIds(items).TakeLast(5));
        Assert.Equal($"line {first.Length + 1}, log event 1", items.Records()[^5].Location);
    }

    [Fact]
    public void WrappedLineStartingGzipMember_StaysInPayload()
    {
        // The extra field contains a whole gzip member of another payload at the start of the third
        // line (decoded byte 114, where the extra field starts at byte 12). So that line starts with
        // 'H4sI' and decodes to a complete gzip member, while the payload around it is healthy.
        var inner = Gzip(Payload([666]));
        var extra = new byte[102 + inner.Length + 30];
        inner.CopyTo(extra, 102);
        var outer = GzipWithExtraField(Utf8(Payload([1, 2])), extra);
        var wrapped = Wrap(Convert.ToBase64String(outer), 76);
        Assert.Equal(Convert.ToBase64String(inner)[..76], wrapped[2]);

        var items = ReadAll(string.Join("\n", wrapped) + "\n" + Base64Gzip(Payload([3])) + "\n");

        Assert.Equal(["id-1", "id-2", "id-3"], EventIds(items));
        Assert.Empty(items.Errors());
        Assert.Equal(3, items.Count);
    }

    [Fact]
    public void NextPayloadCutToo_TwoErrors()
    {
        // A payload cut before a line that decodes to a gzip member which is itself cut: neither
        // reading is whole, so the line is taken as the start of the next payload.
        var cutSource = Wrap(Base64Gzip(Payload(Enumerable.Range(1, 40))), 76);
        var next = Wrap(Base64Gzip(Payload(Enumerable.Range(100, 40))), 76);

        var items = ReadAll(string.Join("\n", cutSource[..6].Concat(next[..5])) + "\n");

        Assert.Equal(["line 1", "line 7"], items.Errors().Select(error => error.Location.Split(',')[0]));
    }

    [Fact]
    public void RandomCuts_CostOnlyCutPayloads()
    {
        // Each payload is whole or cut at a random line break, and all are wrapped at one width.
        var payload = Gen.Select(Gen.Int[1, 40], Gen.Bool, Gen.Double[0, 1]);
        Gen.Select(payload.Array[1, 5], Gen.Int[0, Widths.Length - 1].Select(i => Widths[i])).Sample(sample =>
        {
            var (payloads, width) = sample;
            var lines = new List<string>();
            var wholeIds = new List<string>();
            var cutCount = 0;
            for (var k = 0; k < payloads.Length; k++)
            {
                var (records, cut, fraction) = payloads[k];
                var ids = Enumerable.Range(1000 * k, records).ToArray();
                var wrapped = Wrap(Base64Gzip(Payload(ids)), width);

                // A cut that takes only a line of padding leaves the payload whole.
                var cuttable = wrapped.Length - (wrapped[^1].TrimEnd('=').Length == 0 ? 2 : 1);
                if (cut && cuttable > 0)
                {
                    lines.AddRange(wrapped[..(1 + (int)(fraction * cuttable) % cuttable)]);
                    cutCount++;
                    continue;
                }

                lines.AddRange(wrapped);
                wholeIds.AddRange(ids.Select(id => $"id-{id}"));
            }

            var items = ReadAll(string.Join("\n", lines) + "\n");

            Assert.Empty(wholeIds.Except(EventIds(items)));
            Assert.Equal(cutCount, items.Errors().Count);
            Assert.Equal(items.Records().Count + cutCount, items.Count);
        }, iter: 1000);
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static List<string> EventIds(List<Vigil.Read.ReadItem> items) =>
        [.. items.Records().Select(item => item.Record!["eventID"]!.GetValue<string>())];
}
