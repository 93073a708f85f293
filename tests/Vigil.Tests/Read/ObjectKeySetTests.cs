using Vigil.Read;

namespace Vigil.Tests.Read;

public class ObjectKeySetTests
{
    [Fact]
    public void SameKeyInOneObjectIsRepeated()
    {
        var keys = new ObjectKeySet();

        Assert.True(keys.Add(0, 42));
        Assert.False(keys.Add(0, 42));
    }

    [Fact]
    public void SameKeyInAnotherObjectIsNew()
    {
        var keys = new ObjectKeySet();
        keys.Add(0, 42);

        Assert.True(keys.Add(1, 42));
    }

    [Fact]
    public void ClearForgetsEveryKey()
    {
        var keys = new ObjectKeySet();
        keys.Add(0, 42);

        keys.Clear();

        Assert.True(keys.Add(0, 42));
    }

    [Fact]
    public void ManyKeysSurviveGrowth()
    {
        var keys = new ObjectKeySet();
        var fingerprints = Enumerable.Range(1, 5000).Select(i => (ulong)i * 0xD6E8FEB86659FD93).ToList();

        Assert.All(fingerprints, fingerprint => Assert.True(keys.Add(3, fingerprint)));
        Assert.All(fingerprints, fingerprint => Assert.False(keys.Add(3, fingerprint)));
    }
}
