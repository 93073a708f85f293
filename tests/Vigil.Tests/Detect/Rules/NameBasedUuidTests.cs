using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

public class NameBasedUuidTests
{
    [Fact]
    public void MatchesRfc9562Example()
    {
        // RFC 9562 appendix A.4: version 5 UUID of "www.example.com" in the DNS namespace.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedUuid.Create(dns, "www.example.com"));
    }

    [Fact]
    public void RuleIdsGiveDistinctUuids()
    {
        Assert.NotEqual(NameBasedUuid.ForRuleId("a"), NameBasedUuid.ForRuleId("b"));
    }
}
