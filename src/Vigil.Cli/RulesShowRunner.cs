using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules show</c>.</summary>
internal static class RulesShowRunner
{
    /// <summary>The time zone Kibana's detection engine passes as <c>dateFormatTZ</c>.</summary>
    private const string DetectionEngineTimeZone = "Zulu";

    public static int Show(string path, string format, bool dsl)
    {
        var loaded = Load([path]);
        if (loaded is null)
        {
            return RulesExitCodes.RuleErrors;
        }

        var status = ExitCodes.Success;
        for (var index = 0; index < loaded.Count; index++)
        {
            var rule = loaded[index];
            if (index > 0)
            {
                Console.Out.Write(Separator(format, dsl));
            }

            if (!dsl)
            {
                Console.Out.Write(RulesTerminalText.SanitizeBlock(Render(rule, format)));
            }
            else if (!WriteDsl(rule))
            {
                status = RulesExitCodes.RuleErrors;
            }
        }

        return status;
    }

    /// <summary>Marks where the next rule of a multi-rule file starts, in the syntax of the output.</summary>
    private static string Separator(string format, bool dsl)
    {
        if (dsl || format == "kibana")
        {
            return Environment.NewLine;
        }

        var marker = format == "markdown" ? "---" : "# ----";
        return $"{Environment.NewLine}{marker}{Environment.NewLine}{Environment.NewLine}";
    }

    private static bool WriteDsl(DetectionRule rule)
    {
        if (rule.Language != "kuery")
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"{rule.SourcePath}: rule {rule.RuleId} is written in {rule.Language ?? "no query language"}; --dsl translates KQL (kuery) queries only."));
            return false;
        }

        var translated = KqlDsl.ToElasticsearchQuery(rule.Query ?? "", FieldMapping.CloudTrail, new KqlDslOptions { TimeZone = DetectionEngineTimeZone });
        if (!translated.Success)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"{rule.SourcePath}: {translated.Error}"));
            return false;
        }

        Console.Out.WriteLine(translated.Query!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return true;
    }

    private static string Render(DetectionRule rule, string format) => format switch
    {
        "kibana" => KibanaRuleJson.Write(rule).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine,
        "markdown" => DocsPageMarkdown.Write(rule),
        _ => TomlRuleWriter.Write(rule),
    };

    /// <summary>Loads the rules, printing every load error; null when any file has an error or no rule was found.</summary>
    public static IReadOnlyList<DetectionRule>? Load(IReadOnlyList<string> paths)
    {
        var loaded = RuleLoader.LoadPaths(paths);
        foreach (var error in loaded.Errors)
        {
            Console.Error.WriteLine(TerminalText.Sanitize(error.ToString()));
        }

        return loaded.Errors.Count == 0 && loaded.Rules.Count > 0 ? loaded.Rules : null;
    }
}
