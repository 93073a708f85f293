using Vigil.Map;

namespace Vigil.Tests.Map;

public class JavaHashMapOrderCacheTests
{
    private static readonly string[] Shared = ["type", "principalId", "arn", "accountId", "accessKeyId", "sessionContext", "userName", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];

    [Fact]
    public void SameStrings_GiveComputedPositions()
    {
        var cache = new JavaHashMapOrder.Cache();

        var first = cache.Positions([.. Shared], out var firstRepeated);
        var second = cache.Positions([.. Shared], out var secondRepeated);

        Assert.Equal(JavaHashMapOrder.Positions(Shared, out _), first);
        Assert.Same(first, second);
        Assert.False(firstRepeated);
        Assert.False(secondRepeated);
    }

    [Fact]
    public void EqualStringsOtherInstances_AreComputedAgain()
    {
        var cache = new JavaHashMapOrder.Cache();
        var copies = Shared.Select(key => new string(key.AsSpan())).ToArray();

        var first = cache.Positions([.. Shared], out _);
        var second = cache.Positions(copies, out _);

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void RepeatedKey_IsRemembered()
    {
        var cache = new JavaHashMapOrder.Cache();
        string[] keys = [Shared[0], Shared[1], Shared[0]];

        cache.Positions(keys, out var first);
        cache.Positions([.. keys], out var second);

        Assert.True(first);
        Assert.True(second);
    }

    [Fact]
    public void OtherOrder_GivesItsOwnPositions()
    {
        var cache = new JavaHashMapOrder.Cache();
        var reversed = Shared.Reverse().ToArray();

        cache.Positions([.. Shared], out _);
        var positions = cache.Positions(reversed, out _);

        Assert.Equal(JavaHashMapOrder.Positions(reversed, out _), positions);
    }
}
