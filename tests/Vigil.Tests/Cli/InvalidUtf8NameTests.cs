using System.Diagnostics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A file whose name is not valid UTF-8 exists, but .NET cannot open it. <c>vigil hunt</c>,
/// <c>convert</c> and <c>ingest</c> report that, with the fix, instead of reporting the file as not found.
/// </summary>
public class InvalidUtf8NameTests
{
    private const string Explanation = "is not valid UTF-8";
    private const string Fix = "rename it to a UTF-8 name";

    // The shell's printf writes the byte 0xFF in octal. That byte never occurs in UTF-8.
    private const string ShellName = "\\377.json";

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    [InlineData("ingest")]
    public void FileInFolder_NamedAsInvalidUtf8(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows names are UTF-16");
        using var folder = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(folder.Path, "input")).FullName;
        File.Copy(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First(), Path.Combine(input, "trail.ndjson"));
        CreateInvalidName(input);
        string[] data = command == "ingest" ? ["--data", Path.Combine(folder.Path, "data")] : [];

        try
        {
            // If a later .NET opens such a name, Vigil should read the file instead of reporting it.
            var listed = Directory.GetFiles(input).Single(name => name.EndsWith(".json", StringComparison.Ordinal));
            Assert.False(File.Exists(listed));

            var result = CliRunner.Run([command, input, .. data]);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains($"{input}/\uFFFD.json: byte 0: the name \"\uFFFD.json\" in {input} {Explanation}", result.StandardError, StringComparison.Ordinal);
            Assert.Contains(Fix, result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("file not found", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            RemoveInvalidName(input);
        }
    }

    [Fact]
    public void WatchedFolder_ReportsInvalidNameOnce()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows names are UTF-16");
        using var fixture = new Vigil.Tests.Store.StoreFixture();
        CreateInvalidName(fixture.InputDirectory);
        var problems = new List<Vigil.Read.ReadItem>();
        var options = new Vigil.Store.FolderWatcherOptions { WakeOnChange = false, Ingest = new Vigil.Store.IngestOptions { ProblemFound = problems.Add } };

        try
        {
            using var watcher = new Vigil.Store.FolderWatcher(fixture.Store, [fixture.InputDirectory], options);
            watcher.PollOnce(TestContext.Current.CancellationToken);
            watcher.PollOnce(TestContext.Current.CancellationToken);

            var problem = Assert.Single(problems);
            Assert.Contains(Explanation, problem.Reason, StringComparison.Ordinal);
            Assert.Contains(Fix, problem.Reason, StringComparison.Ordinal);
        }
        finally
        {
            RemoveInvalidName(fixture.InputDirectory);
        }
    }

    [Fact]
    public void FolderNamedAsInvalidUtf8()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows names are UTF-16");
        using var folder = new TempDirectory();
        RunShell($"mkdir \"$(printf '%s/\\376' \"$1\")\"", folder.Path);

        try
        {
            var result = CliRunner.Run("hunt", folder.Path);

            Assert.Contains($"the name \"\uFFFD\" in {folder.Path} {Explanation}", result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("file not found", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            RunShell("rm -rf \"$1\"/*", folder.Path);
        }
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    [InlineData("ingest")]
    public void PathArgument_NamedAsInvalidUtf8(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows names are UTF-16");
        using var folder = new TempDirectory();
        CreateInvalidName(folder.Path);
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var data = command == "ingest" ? $" --data '{folder.Path}/data'" : "";

        try
        {
            var (exitCode, error) = RunShell($"exec dotnet '{vigil}' {command} \"$(printf '%s/{ShellName}' \"$1\")\"{data}", folder.Path);

            Assert.Equal(2, exitCode);
            Assert.Contains($"vigil {command}: input path {folder.Path}/\uFFFD.json: the name \"\uFFFD.json\" in {folder.Path} {Explanation}", error, StringComparison.Ordinal);
            Assert.Contains(Fix, error, StringComparison.Ordinal);
            Assert.DoesNotContain("input path not found", error, StringComparison.Ordinal);
        }
        finally
        {
            RemoveInvalidName(folder.Path);
        }
    }

    /// <summary>Copies a sample file to a file in <paramref name="folder"/> whose name starts with the byte 0xFF, which .NET cannot write.</summary>
    private static void CreateInvalidName(string folder)
    {
        var sample = Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First();
        var (exitCode, error) = RunShell($"cp \"$2\" \"$(printf '%s/{ShellName}' \"$1\")\"", folder, sample);
        Assert.True(exitCode == 0, error);
    }

    // TempDirectory cannot delete the file either, because .NET cannot name it.
    private static void RemoveInvalidName(string folder) => RunShell($"rm -f \"$(printf '%s/{ShellName}' \"$1\")\"", folder);

    /// <summary>Runs <paramref name="script"/> with /bin/sh, the <paramref name="arguments"/> as $1, $2 …; returns the exit code and standard error.</summary>
    private static (int ExitCode, string Error) RunShell(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        return (process.ExitCode, error);
    }
}
