using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil kql parse|eval|dsl</c>: results on stdout, errors on stderr.</summary>
internal static class KqlRunner
{
    /// <summary>Exit code for a query with a syntax error or one Elasticsearch would reject.</summary>
    public const int QueryRejected = 1;

    // Readable DSL (`+01:00`, not `\u002B01:00`); control characters are still escaped. MaxDepth admits
    // the deepest query the parser accepts.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 64 * Kql.MaxNestingDepth,
    };

    public static int Parse(KqlQuerySource source)
    {
        if (ReadQuery(source, "kql parse") is not { } query)
        {
            return ExitCodes.Usage;
        }

        var parsed = Kql.Parse(query);
        if (parsed.Error is { } error)
        {
            return Reject("kql parse", error, query);
        }

        Console.Out.WriteLine(TerminalText.Sanitize(parsed.Query!.ToCanonicalString()));
        return ExitCodes.Success;
    }

    public static int Eval(KqlQuerySource source, string documentPath, string? mappingPath)
    {
        const string Command = "kql eval";
        if (KqlStandardInput.FindConflict(("--doc", documentPath), ("--query-file", source.File), ("--mapping", mappingPath)) is { } conflict)
        {
            return UsageError.Write(Command, conflict);
        }

        if (ReadQuery(source, Command) is not { } query || !TryReadMapping(mappingPath, Command, out var mapping) || !TryReadJson("--doc", "document", documentPath, Command, out var document))
        {
            return ExitCodes.Usage;
        }

        if (document is not JsonObject root)
        {
            return UsageError.Write(Command, $"--doc {documentPath}: expected one JSON object (an ECS document)");
        }

        var compiled = Kql.Compile(query, mapping ?? FieldMapping.CloudTrail);
        if (compiled.Error is { } error)
        {
            return Reject(Command, error, query);
        }

        Console.Out.WriteLine(compiled.Predicate!(new EcsDocument(root)) ? "true" : "false");
        return ExitCodes.Success;
    }

    public static int Dsl(KqlQuerySource source, string? mappingPath, string? timeZone)
    {
        const string Command = "kql dsl";
        if (KqlStandardInput.FindConflict(("--query-file", source.File), ("--mapping", mappingPath)) is { } conflict)
        {
            return UsageError.Write(Command, conflict);
        }

        if (ReadQuery(source, Command) is not { } query)
        {
            return ExitCodes.Usage;
        }

        if (timeZone is not null && KqlTimeZone.Check(timeZone) is { } reason)
        {
            return UsageError.Write(Command, $"--time-zone '{timeZone}' {reason}");
        }

        if (!TryReadMapping(mappingPath, Command, out var mapping))
        {
            return ExitCodes.Usage;
        }

        var result = KqlDsl.ToElasticsearchQuery(query, mapping ?? FieldMapping.CloudTrail, new KqlDslOptions { TimeZone = timeZone });
        if (result.Error is { } error)
        {
            return Reject(Command, error, query);
        }

        Console.Out.WriteLine(result.Query!.ToJsonString(Indented));
        return ExitCodes.Success;
    }

    private static string? ReadQuery(KqlQuerySource source, string command)
    {
        var query = source.Read(out var error);
        if (error is not null)
        {
            UsageError.Write(command, error);
        }

        return query;
    }

    /// <summary>Writes the error and the query's line around the error's position, with a caret under it.</summary>
    private static int Reject(string command, KqlError error, string query)
    {
        Console.Error.WriteLine($"vigil {command}: {TerminalText.Sanitize(error.ToString())}");
        var (line, caret) = KqlErrorEcho.Build(query, error.Position);
        Console.Error.WriteLine(line);
        Console.Error.WriteLine(caret);
        return QueryRejected;
    }

    private static bool TryReadMapping(string? path, string command, out FieldMapping? mapping)
    {
        mapping = null;
        if (path is null)
        {
            return true;
        }

        if (!TryReadJson("--mapping", "mapping", path, command, out var json))
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
            UsageError.Write(command, $"--mapping {path}: {e.Message}");
            return false;
        }
    }

    private static bool TryReadJson(string option, string content, string path, string command, out JsonNode? json)
    {
        if (KqlJsonFile.TryRead(path, content, out json, out var error))
        {
            return true;
        }

        UsageError.Write(command, $"{option} {path}: {error}");
        return false;
    }
}
