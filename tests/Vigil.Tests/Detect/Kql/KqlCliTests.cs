using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

/// <summary>The real <c>vigil kql</c> program: output, exit codes and errors.</summary>
public sealed class KqlCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-kql-cli").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ParsePrintsCanonicalAst()
    {
        var result = CliRunner.Run("kql", "parse", "a:b and not c:(d or \"e\")");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("(and (is \"a\" \"b\") (not (or (is \"c\" \"d\") (is \"c\" q\"e\"))))", result.StandardOutput.Trim());
    }

    [Fact]
    public void ParseSyntaxErrorExitsOne()
    {
        var result = CliRunner.Run("kql", "parse", "a:(b");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("vigil kql parse: Syntax error (line 1, column 5): unexpected end of input, expected `)`", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void EvalPrintsTrueForMatchingFile()
    {
        var document = Write("doc.json", """{"event": {"action": "AssumeRole"}}""");

        var result = CliRunner.Run("kql", "eval", "event.action:AssumeRole", "--doc", document);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    [Fact]
    public void EvalPrintsFalseFromStdin()
    {
        var result = RunWithInput("""{"event": {"action": "AssumeRole"}}""", "kql", "eval", "event.action:assumerole", "--doc", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("false", result.StandardOutput.Trim());
    }

    [Fact]
    public void EvalRejectedQueryExitsOne()
    {
        var document = Write("doc.json", """{"source": {"port": 443}}""");

        var result = CliRunner.Run("kql", "eval", "source.port:4*", "--doc", document);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("vigil kql eval: Query error (line 1, column 13)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalMappingReplacesCatalogue()
    {
        var document = Write("doc.json", """{"message": "Access Denied"}""");
        var mapping = Write("mapping.json", """{"message": "keyword"}""");

        var result = CliRunner.Run("kql", "eval", "message:denied", "--doc", document, "--mapping", mapping);

        Assert.Equal("false", result.StandardOutput.Trim());
    }

    [Fact]
    public void EvalMissingDocumentIsUsageError()
    {
        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", Path.Combine(_folder, "absent.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("file not found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DslUsesCatalogueTypes()
    {
        var result = CliRunner.Run("kql", "dsl", "cloud.account.id:0123");

        var dsl = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0123", (string?)dsl["bool"]!["should"]![0]!["term"]!["cloud.account.id"]!["value"]);
    }

    [Fact]
    public void DslAddsTimeZoneToDates()
    {
        var result = CliRunner.Run("kql", "dsl", "--time-zone", "Zulu", "--", "@timestamp >= now-5m");

        var range = JsonNode.Parse(result.StandardOutput)!["bool"]!["should"]![0]!["range"]!["@timestamp"]!;
        Assert.Equal("now-5m", (string?)range["gte"]);
        Assert.Equal("Zulu", (string?)range["time_zone"]);
    }

    [Fact]
    public void DslMappingStringSendsMatch()
    {
        var mapping = Write("mapping.json", """{"cloud.account.id": "string"}""");

        var result = CliRunner.Run("kql", "dsl", "cloud.account.id:0123", "--mapping", mapping);

        Assert.Equal("0123", (string?)JsonNode.Parse(result.StandardOutput)!["bool"]!["should"]![0]!["match"]!["cloud.account.id"]);
    }

    [Fact]
    public void DslInvalidMappingIsUsageError()
    {
        var mapping = Write("mapping.json", """{"a": "keywrd"}""");

        var result = CliRunner.Run("kql", "dsl", "a:b", "--mapping", mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Mapping type `keywrd` of `a` is not an Elasticsearch 8 field type", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalReadsDataStreamMapping()
    {
        var mapping = Write("mapping.json", """
            {".ds-logs-aws.cloudtrail-default-2024.01.01-000001": {"mappings": {"properties": {
              "source": {"properties": {"geo": {"properties": {"location": {"type": "geo_point"}}}, "ip": {"type": "ip"}}},
              "client": {"properties": {"ip": {"type": "alias", "path": "source.ip"}}},
              "event": {"properties": {"ingested": {"type": "date_nanos"}}},
              "package": {"properties": {"version": {"type": "version"}}}}}}}
            """);
        var document = Write("doc.json", """{"source": {"ip": "10.1.2.3", "geo": {"location": {"lat": 41.1, "lon": -71.3}}}, "event": {"ingested": "2024-01-15T10:00:00.123456789Z"}}""");

        var result = CliRunner.Run("kql", "eval", "source.geo.location:* and client.ip:10.0.0.0/8 and event.ingested >= 2024-01-15", "--doc", document, "--mapping", mapping);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void EvalGeoPointValueIsQueryError()
    {
        var mapping = Write("mapping.json", """{"mappings": {"properties": {"source": {"properties": {"geo": {"properties": {"location": {"type": "geo_point"}}}}}}}}""");
        var document = Write("doc.json", """{"source": {"geo": {"location": "41.1,-71.3"}}}""");

        var result = CliRunner.Run("kql", "eval", "source.geo.location:41", "--doc", document, "--mapping", mapping);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Elasticsearch rejects the value `41` on the geo_point field `source.geo.location`", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("`source.geo.location:*`", result.StandardError, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs the program like <see cref="CliRunner"/>, with <paramref name="input"/> on stdin.</summary>
    private static CliRunner.CliResult RunWithInput(string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRunner.CliResult(process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void AtSignQueryNeedsNoSeparator()
    {
        var result = CliRunner.Run("kql", "parse", "@timestamp >= now-5m");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("(range \"@timestamp\" gte \"now-5m\")", result.StandardOutput.Trim());
    }

    [Fact]
    public void QueryFileDashReadsStdin()
    {
        var result = RunWithInput("a:b\n", "kql", "parse", "--query-file", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("(is \"a\" \"b\")", result.StandardOutput.Trim());
    }

    [Fact]
    public void QueryAndDocumentBothOnStdinExitTwo()
    {
        var result = RunWithInput("a:b", "kql", "eval", "--query-file", "-", "--doc", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot both read stdin", result.StandardError, StringComparison.Ordinal);
    }
}
