using System.Text;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>Gzip files of several members, as Firehose writes them when it concatenates batches.</summary>
public class MultiMemberGzipTests
{
    [Fact]
    public void EveryMemberIsRead()
    {
        var file = Concat(Gzip(Record(1) + "\n"), Gzip(Record(2) + "\n"), Gzip(Record(3) + "\n"));

        var items = ReadAll(file);

        Assert.Equal(3, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void RecordSplitAcrossMembersIsRead()
    {
        var text = Record(1) + "\n" + Record(2) + "\n";
        var file = Concat(Gzip(text[..30]), Gzip(text[30..]));

        var items = ReadAll(file);

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void EnvelopeMembersAreRead()
    {
        var file = Concat(Gzip($$"""{"Records":[{{Record(1)}}]}"""), Gzip($$"""{"Records":[{{Record(2)}}]}"""));

        var items = ReadAll(file);

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void ManyLargeMembersAreRead()
    {
        var members = Enumerable.Range(0, 20)
            .Select(m => Gzip(string.Concat(Enumerable.Range(0, 500).Select(i => Record((m * 500) + i, $",\"pad\":\"{Guid.NewGuid()}\"") + "\n"))))
            .ToArray();

        var items = ReadAll(Concat(members));

        Assert.Equal(10_000, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void HeaderWithFileNameIsRead()
    {
        var member = Gzip(Record(1) + "\n");
        var named = new List<byte>(member[..10]) { };
        named[3] = 0x08;
        named.AddRange(Encoding.ASCII.GetBytes("trail.json\0"));
        named.AddRange(member[10..]);

        var items = ReadAll(named.ToArray());

        Assert.Single(items.Records());
    }

    [Fact]
    public void ZeroPaddingAfterLastMemberIsIgnored()
    {
        var file = Concat(Gzip(Record(1) + "\n"), new byte[512]);

        var items = ReadAll(file);

        Assert.Single(items.Records());
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void GarbageAfterMemberIsError()
    {
        var file = Concat(Gzip(Record(1) + "\n"), "garbage"u8.ToArray());

        var items = ReadAll(file);

        Assert.Single(items.Records());
        Assert.Contains("not another gzip member", items.Errors().Single().Reason, StringComparison.Ordinal);
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
