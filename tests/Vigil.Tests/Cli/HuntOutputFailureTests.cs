using Vigil.Cli;

namespace Vigil.Tests.Cli;

/// <summary>The plain error line of a hunt whose alerts could not be written.</summary>
public class HuntOutputFailureTests
{
    [Fact]
    public void ReasonDropsSpaceBeforeColon()
    {
        var reason = HuntOutputFailure.Reason("No space left on device : '/dev/full'.", null);

        Assert.Equal("No space left on device: /dev/full", reason);
    }

    [Fact]
    public void ReasonOmitsPathOfOutput()
    {
        var reason = HuntOutputFailure.Reason("No space left on device : '/dev/full'.", "/dev/full");

        Assert.Equal("No space left on device", reason);
    }

    [Fact]
    public void ReasonKeepsOtherMessages()
    {
        var reason = HuntOutputFailure.Reason("Broken pipe.", null);

        Assert.Equal("Broken pipe", reason);
    }

    [Fact]
    public void MessageNamesOutputOnce()
    {
        var message = HuntOutputFailure.Message("/dev/full", "No space left on device : '/dev/full'.", huntFinished: false);

        Assert.Equal(
            "vigil hunt: cannot write the alerts to --output /dev/full: No space left on device. The hunt stopped. Free space or choose another output, and run it again.",
            message);
        Assert.DoesNotContain(" : ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageAfterFinishedHunt()
    {
        var message = HuntOutputFailure.Message(null, "No space left on device.", huntFinished: true);

        Assert.StartsWith("vigil hunt: cannot write the alerts to standard output: No space left on device. ", message, StringComparison.Ordinal);
        Assert.Contains("The hunt finished, but its alert table was not written in full.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("The hunt stopped", message, StringComparison.Ordinal);
    }
}
