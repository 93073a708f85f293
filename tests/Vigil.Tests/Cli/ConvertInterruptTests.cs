using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Generator;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A conversion stopped by SIGINT or SIGTERM writes out the documents it holds, as whole lines, and
/// exits 130, so that a later conversion appended to the same file starts on a line of its own.
/// </summary>
public sealed class ConvertInterruptTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_MidConversion_KeepsWholeLines(string signal)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends the signal with kill(1)");
        var input = Path.Combine(_temp.Path, "large.json");
        var output = Path.Combine(_temp.Path, "events.ndjson");
        CloudTrailGenerator.Run(new GeneratorOptions(input, OutputLayout.Json, Seed: 5, TargetBytes: 48L << 20), BuiltInProfile.Create());

        using var convert = CliRunner.Start("convert", input, "--output", output);
        convert.StandardInput.Close();
        var error = convert.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = convert.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        var written = Eventually.True(() => File.Exists(output) && new FileInfo(output).Length > 0, TimeSpan.FromSeconds(60));
        Assert.True(written, "no document was written within a minute");
        Assert.False(convert.HasExited, "the conversion ended before the signal; make the input larger");
        using (var kill = Process.Start("kill", [$"-{signal}", convert.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(convert.WaitForExit(TimeSpan.FromSeconds(60)), "the conversion did not stop after the signal");
        Assert.Equal(130, convert.ExitCode);
        Assert.Contains("vigil convert: interrupted", await error, StringComparison.Ordinal);

        var text = File.ReadAllText(output);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n')[..^1];
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }
}
