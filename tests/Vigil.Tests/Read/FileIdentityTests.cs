using System.Diagnostics;
using System.Globalization;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Read;

/// <summary>Device and inode numbers read through .NET's native shim, checked against GNU <c>stat</c>.</summary>
public sealed class FileIdentityTests
{
    [Fact]
    public void IdentityMatchesStatCommand()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "GNU stat's -c format is Linux-only");
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "a.json");
        File.WriteAllText(path, "{}");

        var identity = FileIdentity.OfPath(path);

        var fields = RunStat(path).Split(' ');
        Assert.NotNull(identity);
        Assert.Equal(long.Parse(fields[0], CultureInfo.InvariantCulture), identity.Value.Device);
        Assert.Equal(long.Parse(fields[1], CultureInfo.InvariantCulture), identity.Value.Inode);
    }

    [Fact]
    public void SymbolicLinkHasTargetIdentity()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "no device and inode numbers on Windows");
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "a.json");
        var link = Path.Combine(folder.Path, "link.json");
        File.WriteAllText(target, "{}");
        File.CreateSymbolicLink(link, target);

        Assert.NotNull(FileIdentity.OfPath(target));
        Assert.Equal(FileIdentity.OfPath(target), FileIdentity.OfPath(link));
    }

    [Fact]
    public void TwoFilesDiffer()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "no device and inode numbers on Windows");
        using var folder = new TempDirectory();
        var first = Path.Combine(folder.Path, "a.json");
        var second = Path.Combine(folder.Path, "b.json");
        File.WriteAllText(first, "{}");
        File.WriteAllText(second, "{}");

        Assert.NotEqual(FileIdentity.OfPath(first), FileIdentity.OfPath(second));
    }

    [Fact]
    public void MissingFileHasNoIdentity()
    {
        using var folder = new TempDirectory();

        Assert.Null(FileIdentity.OfPath(Path.Combine(folder.Path, "absent.json")));
    }

    /// <summary>Returns the device and inode numbers that GNU <c>stat</c> prints, following links.</summary>
    private static string RunStat(string path)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-L", "-c", "%d %i", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
