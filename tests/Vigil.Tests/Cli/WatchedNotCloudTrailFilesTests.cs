using Vigil.Cli;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>Serve names each watched file skipped as not CloudTrail once, however often it grows.</summary>
public class WatchedNotCloudTrailFilesTests
{
    [Fact]
    public void GrowingFiles_NamedOnceEach()
    {
        var logger = new ListLogger();
        var files = new WatchedNotCloudTrailFiles(logger);

        // Two log files that grow in turn, as serve's own stderr and an access log would.
        foreach (var file in new[] { "/w/serve.err", "/w/access.log", "/w/serve.err", "/w/access.log", "/w/serve.err" })
        {
            files.Add(Skip(file, NotCloudTrail.Reason));
        }

        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("/w/serve.err", logger.Lines[0], StringComparison.Ordinal);
        Assert.Contains("/w/access.log", logger.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void OtherSkips_NotNamed()
    {
        var logger = new ListLogger();
        var files = new WatchedNotCloudTrailFiles(logger);

        files.Add(Skip("/w/digest.json", "a CloudTrail digest file"));

        Assert.Empty(logger.Lines);
    }

    private static ReadItem Skip(string file, string reason) => new(ReadOutcome.Skipped, file, "byte 0", null, reason);
}
