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

    /// <summary>
    /// Starts the program as <see cref="Run"/> runs it, with standard output and standard error
    /// redirected, for a test that acts while it runs. setpriv runs the program in its own process, so
    /// the process id is the program's.
    /// </summary>
    public static Process Start(string home, params string[] arguments)
    {
        SkipUnlessRunnable(home);
        return StartProcess(home, [], arguments);
    }

    private static CliRunner.CliResult Run(string home, string[] wrapper, string[] arguments)
    {
        SkipUnlessRunnable(home);
        return Wait(StartProcess(home, wrapper, arguments));
    }

    private static void SkipUnlessRunnable(string home)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists(Setpriv), "needs root and setpriv to run as nobody");

        var probe = Wait(StartProcess(home, [], ["--version"]));
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

    private static Process StartProcess(string home, string[] wrapper, string[] arguments)
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

        return Process.Start(start)!;
    }

    private static CliRunner.CliResult Wait(Process started)
    {
        using var process = started;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRunner.CliResult(process.ExitCode, output.Result, error.Result);
    }
}
