using System.Diagnostics;

namespace Vigil.Tests.Support;

/// <summary>Runs the real <c>vigil</c> command-line program as a child process.</summary>
internal static class CliRunner
{
    public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError);

    public static CliResult Run(params string[] arguments) => RunWithEnvironment(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the program with <paramref name="environment"/> set in its environment; a null value removes the variable.</summary>
    public static CliResult RunWithEnvironment(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs the program with <paramref name="input"/> on its standard input, a pipe, which it reads to the end.</summary>
    public static CliResult RunWithInput(byte[] input, params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts the program with its three standard streams redirected, for a test that reads them itself.</summary>
    public static Process Start(params string[] arguments) => Start(new Dictionary<string, string?>(), arguments);

    /// <summary>Starts the program with <paramref name="environment"/> set in its environment; a null value removes the variable.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
