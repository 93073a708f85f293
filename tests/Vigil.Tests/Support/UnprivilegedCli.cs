using System.Diagnostics;

namespace Vigil.Tests.Support;

/// <summary>
/// Runs the real <c>vigil</c> program as the <c>nobody</c> user, so that a folder without read
/// permission fails to list as it does for a user: as root every folder lists. Skips the test
/// where that cannot run (not root, no <c>setpriv</c>, or a build that <c>nobody</c> cannot read).
/// </summary>
internal static class UnprivilegedCli
{
    private const string Setpriv = "/usr/bin/setpriv";

    private const string Timeout = "/usr/bin/timeout";

    public static CliRunner.CliResult Run(string home, params string[] arguments) => Run(home, [], arguments);

    private static CliRunner.CliResult Run(string home, string[] wrapper, string[] arguments)
    {
        SkipUnlessAvailable(home);
        return Start(home, wrapper, arguments);
    }

    private static void SkipUnlessAvailable(string home)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists(Setpriv), "needs root and setpriv to run as nobody");

        var probe = Start(home, [], ["--version"]);
        Assert.SkipUnless(probe.ExitCode == 0, $"nobody cannot run the build: {probe.StandardError}");
    }

    /// <summary>Runs the program as <see cref="Run"/> does, and sends it SIGTERM after <paramref name="limit"/>, for a command that runs until stopped.</summary>
    public static CliRunner.CliResult RunFor(TimeSpan limit, string home, params string[] arguments)
    {
        Assert.SkipUnless(File.Exists(Timeout), $"{Timeout} is not available here");
        var seconds = ((int)Math.Ceiling(limit.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Run(home, [Timeout, "--signal=TERM", seconds], arguments);
    }

    /// <summary>
    /// Creates <c>locked</c> in <paramref name="parent"/>, a folder that only its owner (root) can
    /// list, and lets others enter <paramref name="parent"/>.
    /// </summary>
    public static string LockedFolder(string parent)
    {
        var locked = Path.Combine(parent, "locked");
        Directory.CreateDirectory(locked);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(parent, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return locked;
    }

    /// <summary>Starts the program as <see cref="Run"/> does, with its output redirected, for a command that runs until stopped.</summary>
    public static Process StartProcess(string home, params string[] arguments)
    {
        SkipUnlessAvailable(home);
        return Process.Start(StartInfo(home, [], arguments))!;
    }

    private static CliRunner.CliResult Start(string home, string[] wrapper, string[] arguments)
    {
        using var process = Process.Start(StartInfo(home, wrapper, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRunner.CliResult(process.ExitCode, output.Result, error.Result);
    }

    private static ProcessStartInfo StartInfo(string home, string[] wrapper, string[] arguments)
    {
        var start = new ProcessStartInfo(Setpriv)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = home,
        };
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        foreach (var argument in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", .. wrapper, "dotnet", Path.Combine(AppContext.BaseDirectory, "vigil.dll"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
