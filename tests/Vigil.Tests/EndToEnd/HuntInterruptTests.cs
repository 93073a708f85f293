using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Generator;
using Vigil.Tests.Support;

namespace Vigil.Tests.EndToEnd;

/// <summary>
/// A hunt stopped by SIGINT or SIGTERM writes out the alerts it had counted, as whole lines, and
/// exits 130, instead of losing what waited in its output block.
/// </summary>
public sealed class HuntInterruptTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_MidHunt_KeepsWholeAlerts(string signal)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends the signal with kill(1)");
        var input = Path.Combine(_temp.Path, "large.json");
        var output = Path.Combine(_temp.Path, "alerts.ndjson");

        // Half the records alert, so alerts fill the first output blocks long before the hunt ends.
        CloudTrailGenerator.Run(new GeneratorOptions(input, OutputLayout.Json, Seed: 5, RoleChainShare: 0.5, TargetBytes: 48L << 20), BuiltInProfile.Create());
        using var hunt = CliRunner.Start("hunt", input, "--output", output, "--threads", "1");
        hunt.StandardInput.Close();
        var error = hunt.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = hunt.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        var written = Eventually.True(() => File.Exists(output) && new FileInfo(output).Length > 0, TimeSpan.FromSeconds(60));
        Assert.True(written, "no alert was written within a minute");
        Assert.False(hunt.HasExited, "the hunt ended before the signal; make the input larger");
        using (var kill = Process.Start("kill", [$"-{signal}", hunt.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(hunt.WaitForExit(TimeSpan.FromSeconds(60)), "the hunt did not stop after the signal");
        Assert.Equal(130, hunt.ExitCode);
        Assert.Contains("interrupted", await error);

        var text = File.ReadAllText(output);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n')[..^1];
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }
}
