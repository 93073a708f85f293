using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Every command-line error (exit code 2) reads <c>vigil CMD: problem</c> and is followed by the
/// line that points to the command's help, whichever command and option it comes from.
/// </summary>
public class UsageErrorFormTests
{
    private static readonly string Rule = Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v1.toml");

    public static TheoryData<string, string[]> DataCommands => new()
    {
        { "rules status", ["rules", "status"] },
        { "rules enable", ["rules", "enable", Rule] },
        { "alerts list", ["alerts", "list"] },
        { "ingest", ["ingest", RepoPaths.Samples] },
        { "serve", ["serve"] },
    };

    [Theory]
    [MemberData(nameof(DataCommands))]
    public void EmptyVigilDataIsNamed(string command, string[] arguments)
    {
        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["VIGIL_DATA"] = "" }, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil {command}: missing --data, and VIGIL_DATA is empty: give the data directory of 'vigil serve' with --data, or set VIGIL_DATA to it.\n", result.StandardError, StringComparison.Ordinal);
        Assert.EndsWith($"Run 'vigil {command} --help' for usage.\n", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsetVigilDataEndsSentence()
    {
        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["VIGIL_DATA"] = null }, "alerts", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigil alerts list: missing --data: give the data directory of 'vigil serve' with --data, or set VIGIL_DATA to it.\n", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("is empty", result.StandardError, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string> OptionValueErrors => new()
    {
        { "ingest", ["ingest", RepoPaths.Samples, "--data", "DATA", "--retention", ""], "--retention: invalid retention ''" },
        { "ingest", ["ingest", RepoPaths.Samples, "--data", "DATA", "--retention", "abc"], "--retention: invalid retention 'abc'" },
        { "ingest", ["ingest", RepoPaths.Samples, "--data", "DATA", "--since", "x"], "unknown option --since." },
        { "serve", ["serve", "--data", "DATA", "--poll", "abc"], "--poll: invalid duration 'abc'" },
        { "convert", ["convert", RepoPaths.Samples, "--output", "/nonexistent/folder/out.ndjson"], "cannot create --output /nonexistent/folder/out.ndjson" },
        { "kql dsl", ["kql", "dsl", "a:b", "--time-zone", "Mars/Olympus"], "--time-zone 'Mars/Olympus' is not a time zone" },
        { "kql eval", ["kql", "eval", "a:b", "--doc", "/nonexistent/doc.json"], "--doc /nonexistent/doc.json: file not found" },
        { "kql parse", ["kql", "parse", "--query-file", "/nonexistent/query.kql"], "--query-file /nonexistent/query.kql" },
        { "rules convert", ["rules", "convert", Rule, "--to", "kibana-ndjson", "--output", "/nonexistent/folder/rules.ndjson"], "--output /nonexistent/folder/rules.ndjson: the folder /nonexistent/folder does not exist" },
    };

    [Theory]
    [MemberData(nameof(OptionValueErrors))]
    public void OptionValueErrorPointsToHelp(string command, string[] arguments, string problem)
    {
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(data);
        arguments = [.. arguments.Select(argument => argument == "DATA" ? data : argument)];

        var result = CliRunner.Run(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil {command}: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(problem, result.StandardError, StringComparison.Ordinal);
        Assert.EndsWith($"Run 'vigil {command} --help' for usage.\n", result.StandardError, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string[]> UnmatchedArguments => new()
    {
        { "serve", ["serve", "--data", "DATA", "--interval", "abc"], ["unknown option --interval.", "unexpected argument 'abc'."] },
        { "rules status", ["rules", "status", "--data", "DATA", "--bogus"], ["unknown option --bogus."] },
        { "alerts list", ["alerts", "list", "--data", "DATA", "extra"], ["unexpected argument 'extra'."] },
        { "kql parse", ["kql", "parse", "a:b", "c:d"], ["unexpected argument 'c:d'."] },
    };

    [Theory]
    [MemberData(nameof(UnmatchedArguments))]
    public void UnknownOptionWordedLikeHunt(string command, string[] arguments, string[] problems)
    {
        using var folder = new TempDirectory();
        arguments = [.. arguments.Select(argument => argument == "DATA" ? folder.Path : argument)];

        var result = CliRunner.Run(arguments);

        Assert.Equal(2, result.ExitCode);
        foreach (var problem in problems)
        {
            Assert.Contains($"vigil {command}: {problem}\n", result.StandardError, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Unrecognized", result.StandardError, StringComparison.Ordinal);
        Assert.EndsWith($"Run 'vigil {command} --help' for usage.\n", result.StandardError, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string> ParserErrors => new()
    {
        { "hunt", ["hunt", "--format", "xml", "x"], "invalid value 'xml' for --format: give one of table, ndjson." },
        { "hunt", ["hunt", "x", "--threads"], "missing value for --threads: give it after the option." },
        { "hunt", ["hunt", "x", "--format", "table", "--format", "ndjson"], "--format takes one value, and 2 were given: give it once." },
        { "hunt", ["hunt"], "missing argument <path>: give it after the command." },
        { "convert", ["convert", "--bulk", "ok.json"], "missing argument <path>: --bulk took ok.json as its INDEX. Put --bulk after <path>, or write --bulk=INDEX." },
        { "convert", ["convert", "--bulk=ok.json"], "missing argument <path>: give it after the command." },
        { "rules", ["rules"], "missing command: give one of the commands that 'vigil rules --help' lists." },
        { "", [], "missing command: give one of the commands that 'vigil --help' lists." },
        { "", ["bogus"], "unknown command 'bogus'. Give one of the commands that 'vigil --help' lists." },
        { "kql", ["kql", "bogus", "a:b"], "unknown command 'bogus'. Give one of the commands that 'vigil kql --help' lists." },
        { "kql eval", ["kql", "eval", "a:b"], "missing option --doc: give it with its value." },
        { "rules convert", ["rules", "convert", "r.toml", "--to", "toml"], "missing option --output: give it with its value." },
    };

    [Theory]
    [MemberData(nameof(ParserErrors))]
    public void ParserErrorOnOneLine(string command, string[] arguments, string problem)
    {
        var prefix = command.Length == 0 ? "vigil" : $"vigil {command}";

        var result = CliRunner.Run(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{prefix}: {problem}\nRun '{prefix} --help' for usage.\n", result.StandardError);
    }
}
