using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil kql parse|eval|dsl</c>: results on stdout, errors on stderr.</summary>
internal static class KqlRunner
{
    /// <summary>Exit code for a query with a syntax error or one Elasticsearch would reject.</summary>
    public const int QueryRejected = 1;

    private const string StandardInput = "-";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Parse(string query)
    {
        var parsed = Kql.Parse(query);
        if (parsed.Error is { } error)
        {
            return Reject(error, query);
        }

        Console.Out.WriteLine(parsed.Query!.ToCanonicalString());
        return ExitCodes.Success;
    }

    public static int Eval(string query, string documentPath, string? mappingPath)
    {
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.kql");
        if (!TryReadMapping(mappingPath, logger, out var mapping) || !TryReadJson("--doc", documentPath, logger, out var document))
        {
            return ExitCodes.Usage;
        }

        if (document is not JsonObject root)
        {
            KqlLog.FileInvalid(logger, "--doc", documentPath, "expected one JSON object (an ECS document)");
            return ExitCodes.Usage;
        }

        var compiled = Kql.Compile(query, mapping ?? FieldMapping.CloudTrail);
        if (compiled.Error is { } error)
        {
            return Reject(error, query);
        }

        Console.Out.WriteLine(compiled.Predicate!(new EcsDocument(root)) ? "true" : "false");
        return ExitCodes.Success;
    }

    public static int Dsl(string query, string? mappingPath, string? timeZone)
    {
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.kql");
        if (!TryReadMapping(mappingPath, logger, out var mapping))
        {
            return ExitCodes.Usage;
        }

        var result = KqlDsl.ToElasticsearchQuery(query, mapping ?? FieldMapping.CloudTrail, new KqlDslOptions { TimeZone = timeZone });
        if (result.Error is { } error)
        {
            return Reject(error, query);
        }

        Console.Out.WriteLine(result.Query!.ToJsonString(Indented));
        return ExitCodes.Success;
    }

    /// <summary>Writes the error and, for a one-line query, the query with a caret under the error's position.</summary>
    private static int Reject(KqlError error, string query)
    {
        Console.Error.WriteLine($"vigil: {error}");
        if (!query.Contains('\n', StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"  {query}");
            Console.Error.WriteLine($"  {new string(' ', Math.Min(error.Position, query.Length))}^");
        }

        return QueryRejected;
    }

    private static bool TryReadMapping(string? path, ILogger logger, out FieldMapping? mapping)
    {
        mapping = null;
        if (path is null)
        {
            return true;
        }

        if (!TryReadJson("--mapping", path, logger, out var json))
        {
            return false;
        }

        try
        {
            mapping = FieldMapping.FromElasticsearchMapping(json!);
            return true;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            KqlLog.FileInvalid(logger, "--mapping", path, e.Message);
            return false;
        }
    }

    private static bool TryReadJson(string option, string path, ILogger logger, out JsonNode? json)
    {
        json = null;
        if (path != StandardInput && !File.Exists(path))
        {
            KqlLog.FileNotFound(logger, option, path);
            return false;
        }

        try
        {
            var text = path == StandardInput ? Console.In.ReadToEnd() : File.ReadAllText(path);
            json = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException e)
        {
            KqlLog.FileInvalid(logger, option, path, e.Message);
            return false;
        }
    }
}
