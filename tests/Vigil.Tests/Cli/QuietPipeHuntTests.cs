using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A hunt of a pipe that goes quiet, such as <c>&lt;(tail -f …)</c>, writes the alerts of the
/// records it has read while the writer keeps the pipe open, not only when more input comes or the
/// pipe closes.
/// </summary>
public sealed class QuietPipeHuntTests
{
    private const int Records = 200;

    // Far above the quiet wait and the output's one-second flush, so that a loaded machine passes,
    // and far below forever, which is how long a held-back alert waits while the pipe stays open.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Layouts => ["ndjson", "delivery object", "gzip"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task QuietPipeAlertsBeforeClose(string layout)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");
        using var process = CliRunner.Start("hunt", "/dev/stdin", "--format", "ndjson");
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        process.StandardInput.BaseStream.Write(Input(layout));
        process.StandardInput.BaseStream.Flush();
        var alerts = await ReadLines(process.StandardOutput, Records);
        process.StandardInput.Close();
        var rest = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Records, alerts.Count);
        Assert.Equal("", rest);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains($"Records read {Records} = events {Records} + errors 0 + skipped 0", await error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuietPipeAlertsMatchFileHunt()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "trail.ndjson");
        var bytes = Input("ndjson");
        File.WriteAllBytes(file, bytes);
        using var process = CliRunner.Start("hunt", "/dev/stdin", "--format", "ndjson", "--threads", "4");
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Three bursts, each cut inside a record, with a pause after each that the hunt must bridge.
        int[] cuts = [0, (bytes.Length / 3) + 7, (bytes.Length * 2 / 3) + 7, bytes.Length];
        var alerts = new List<string>();
        for (var i = 1; i < cuts.Length; i++)
        {
            process.StandardInput.BaseStream.Write(bytes.AsSpan(cuts[i - 1], cuts[i] - cuts[i - 1]));
            process.StandardInput.BaseStream.Flush();
            var wholeRecords = bytes.AsSpan(0, cuts[i]).Count((byte)'\n');
            alerts.AddRange(await ReadLines(process.StandardOutput, wholeRecords - alerts.Count));
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var fileHunt = CliRunner.Run("hunt", file, "--format", "ndjson");

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(Records, alerts.Count);
        Assert.Equal(AlertIds(fileHunt.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)), AlertIds(alerts));
        Assert.Contains($"Records read {Records} = events {Records} + errors 0 + skipped 0", await error, StringComparison.Ordinal);
    }

    /// <summary>Reads <paramref name="count"/> lines, failing the test when they do not all come before the deadline.</summary>
    private static async Task<List<string>> ReadLines(StreamReader output, int count)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        var lines = new List<string>();
        try
        {
            while (lines.Count < count && await output.ReadLineAsync(deadline.Token) is { } line)
            {
                lines.Add(line);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{lines.Count} of {count} alerts came within {Deadline.TotalSeconds} s while the input pipe stayed open");
        }

        return lines;
    }

    private static byte[] Input(string layout)
    {
        var lines = Lines();
        return layout switch
        {
            "ndjson" => Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n"))),
            "delivery object" => Encoding.UTF8.GetBytes($"{{\"Records\":[{string.Join(",", lines)}]}}"),
            _ => Gzip(Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n")))),
        };
    }

    private static List<string> AlertIds(IEnumerable<string> alerts) =>
        [.. alerts.Select(alert => JsonNode.Parse(alert)!["kibana.alert.uuid"]!.GetValue<string>())];

    private static List<string> Lines() =>
        [.. Enumerable.Range(0, Records).Select(i => RoleChaining.Record(i, $"2026-12-01T10:{i / 60:D2}:{i % 60:D2}Z").ToJsonString())];

    private static byte[] Gzip(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return compressed.ToArray();
    }
}
