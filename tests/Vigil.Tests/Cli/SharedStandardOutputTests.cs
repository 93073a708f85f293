using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Standard output redirected to a file that other output shares: standard error
/// (<c>&gt; f 2&gt;&amp;1</c>) or other commands of a redirected group. Each writer writes at the
/// file's shared offset, so no one's bytes overwrite another's.
/// </summary>
public class SharedStandardOutputTests
{
    // The sample hunt raises three alerts and the sample conversion writes fourteen documents.
    private const int SampleAlerts = 3;
    private const int SampleDocuments = 14;

    [Fact]
    public void HuntWithStandardErrorKeepsBoth()
    {
        using var temp = new TempDirectory();
        var both = Path.Combine(temp.Path, "both.txt");

        var result = ShellCli.Run("vigil hunt \"$1\" --format ndjson > \"$2\" 2>&1", RepoPaths.Samples, both);

        var lines = File.ReadAllLines(both);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleAlerts, lines.Count(IsAlert));
        Assert.Contains(lines, line => line.StartsWith("Records read", StringComparison.Ordinal));
        Assert.All(lines.Where(line => line.StartsWith('{')), line => Assert.True(IsAlert(line), line));
    }

    [Fact]
    public void HuntTwiceIntoOneFileKeepsBoth()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "alerts.ndjson");

        var result = ShellCli.Run("{ vigil hunt \"$1\" --format ndjson; vigil hunt \"$1\" --format ndjson; } > \"$2\" 2>/dev/null", RepoPaths.Samples, output);

        var lines = File.ReadAllLines(output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2 * SampleAlerts, lines.Length);
        Assert.All(lines, line => Assert.True(IsAlert(line), line));
    }

    [Fact]
    public void HuntThenEchoKeepsFooterLast()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "alerts.ndjson");

        var result = ShellCli.Run("{ vigil hunt \"$1\" --format ndjson 2>/dev/null; echo footer; } > \"$2\"", RepoPaths.Samples, output);

        var lines = File.ReadAllLines(output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleAlerts + 1, lines.Length);
        Assert.All(lines[..SampleAlerts], line => Assert.True(IsAlert(line), line));
        Assert.Equal("footer", lines[^1]);
    }

    [Fact]
    public void ConvertTwiceIntoOneFileKeepsBoth()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "events.ndjson");

        var result = ShellCli.Run("{ vigil convert \"$1\"; vigil convert \"$1\"; } > \"$2\" 2>/dev/null", RepoPaths.Samples, output);

        var lines = File.ReadAllLines(output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2 * SampleDocuments, lines.Length);
        Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)!["@timestamp"]));
    }

    [Fact]
    public void ConvertWithStandardErrorKeepsBoth()
    {
        using var temp = new TempDirectory();
        var both = Path.Combine(temp.Path, "both.txt");

        var result = ShellCli.Run("vigil convert \"$1\" > \"$2\" 2>&1", RepoPaths.Samples, both);

        var lines = File.ReadAllLines(both);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleDocuments, lines.Count(line => line.StartsWith('{')));
        Assert.All(lines.Where(line => line.StartsWith('{')), line => Assert.NotNull(JsonNode.Parse(line)));
        Assert.Contains(lines, line => line.StartsWith("Records read", StringComparison.Ordinal));
    }

    /// <summary>Whether <paramref name="line"/> is a whole alert document, not one cut or overwritten by other output.</summary>
    private static bool IsAlert(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject alert && alert["kibana.alert.uuid"] is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
