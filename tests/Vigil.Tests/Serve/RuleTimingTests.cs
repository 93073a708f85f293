using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

/// <summary>
/// The scheduler does not run a rule whose <c>from</c> is not before its <c>to</c>, because every
/// window would be empty and every run would report a gap.
/// </summary>
public class RuleTimingTests
{
    [Theory]
    [InlineData("now+5m")]
    [InlineData("now")]
    public void FromNotBeforeToRejected(string from)
    {
        var created = RuleTiming.TryCreate(StopLoggingRule(from: from), out var timing, out var error);

        Assert.False(created);
        Assert.Null(timing);
        Assert.Equal($"invalid rule.from \"{from}\": it must be before rule.to \"now\", or every run searches an empty window and reports a gap; set a time before rule.to, such as \"now-6m\" with the default rule.to \"now\"", error);
    }

    [Fact]
    public void FromBeforeToAccepted()
    {
        var created = RuleTiming.TryCreate(StopLoggingRule(from: "now-6m"), out var timing, out var error);

        Assert.True(created);
        Assert.NotNull(timing);
        Assert.Null(error);
    }
}
