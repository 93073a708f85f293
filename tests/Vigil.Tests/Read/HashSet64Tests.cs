using Vigil.Read;

namespace Vigil.Tests.Read;

public class HashSet64Tests
{
    [Fact]
    public void SecondAddOfEachHashFails()
    {
        var set = new HashSet64();
        var random = new Random(7);
        var hashes = Enumerable.Range(0, 200_000)
            .Select(_ => (ulong)random.NextInt64())
            .ToArray();

        var firstAdds = hashes.Count(set.Add);
        var secondAdds = hashes.Count(set.Add);

        Assert.Equal(hashes.Distinct().Count(), firstAdds);
        Assert.Equal(0, secondAdds);
        Assert.Equal(firstAdds, set.Count);
    }

    [Fact]
    public void ZeroIsStoredAsItsStandIn()
    {
        var set = new HashSet64();

        Assert.True(set.Add(0));
        Assert.False(set.Add(0));
        Assert.False(set.Add(HashSet64.ZeroStandIn));
        Assert.True(set.Add(1));
    }

    [Fact]
    public void HashesSharingLowBitsAreDistinct()
    {
        var set = new HashSet64();

        Assert.True(set.Add(1UL << 40 | 5));
        Assert.True(set.Add(2UL << 40 | 5));
        Assert.Equal(2, set.Count);
    }
}
