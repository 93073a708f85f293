using System.Diagnostics;

namespace Vigil.Tests.Support;

/// <summary>
/// Runs a <c>/bin/sh</c> script in which <c>vigil</c> is the real program, for tests of shell
/// redirections such as <c>vigil hunt … &gt; out 2&gt;&amp;1</c>. Skips the test where there is no
/// <c>/bin/sh</c>.
/// </summary>
internal static class ShellCli
{
    private const string Shell = "/bin/sh";

    /// <summary>Runs <paramref name="script"/> with the <paramref name="arguments"/> as $1, $2 … and returns its exit code, standard output and standard error.</summary>
    public static CliRunner.CliResult Run(string script, params string[] arguments)
    {
        Assert.SkipUnless(File.Exists(Shell), $"{Shell} is not available here");

        var start = new ProcessStartInfo(Shell)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["VIGIL_DLL"] = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"vigil() {{ dotnet \"$VIGIL_DLL\" \"$@\"; }}\n{script}");
        start.ArgumentList.Add("sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRunner.CliResult(process.ExitCode, output.Result, error.Result);
    }
}
