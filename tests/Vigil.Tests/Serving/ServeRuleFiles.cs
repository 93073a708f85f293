using Vigil.Detect.Rules.BuiltIn;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>Rule files for the serve tests: the built-in rule with a schedule short enough for a test.</summary>
internal static class ServeRuleFiles
{
    public const string CrashRuleId = "5b0e7d3c-6f1a-4c8e-9d2b-0a1b2c3d4e5f";

    /// <summary>The built-in rule (windows on <c>event.ingested</c>, look-back 6 minutes) running every <paramref name="interval"/>.</summary>
    public static string WriteBuiltIn(string folder, string interval)
    {
        var toml = Replace(AwsStsAssumeRoleUsage.Toml, "interval = \"5m\"", $"interval = \"{interval}\"");
        return Write(folder, "assume-role.toml", toml);
    }

    /// <summary>
    /// The built-in query as a rule whose windows apply to <c>@timestamp</c>, every second with a
    /// 3-second look-back, so a restart leaves ranges only catch-up, backfill and late-event
    /// evaluation can cover. Its <c>max_signals</c> is high enough that no window truncates.
    /// </summary>
    public static string WriteCrashRule(string folder)
    {
        var toml = AwsStsAssumeRoleUsage.Toml;
        toml = Replace(toml, "timestamp_override = \"event.ingested\"\n", "");
        toml = Replace(toml, "interval = \"5m\"", "interval = \"1s\"");
        toml = Replace(toml, "from = \"now-6m\"", "from = \"now-3s\"");
        toml = Replace(toml, "max_signals = 100", "max_signals = 10000");
        toml = Replace(toml, "rule_id = \"93075852-b0f5-4b8b-89c3-a226efae5726\"", $"rule_id = \"{CrashRuleId}\"");
        toml = Replace(toml, "name = \"AWS Security Token Service (STS) AssumeRole Usage\"", "name = \"Role chaining, crash test\"");
        return Write(folder, "crash-rule.toml", toml);
    }

    /// <summary>Creates the folder <c>rules</c> beside the store's data directory, for <c>--rules</c>.</summary>
    public static string CreateFolder(CliStore store)
    {
        var rules = Path.Combine(store.Folder, "rules");
        Directory.CreateDirectory(rules);
        return rules;
    }

    /// <summary>Starts <c>vigil serve</c> on the store with <paramref name="rules"/>, scanning every 200 ms.</summary>
    public static ServeProcess StartServe(CliStore store, string rules) =>
        ServeProcess.Start("--data", store.Data, "--rules", rules, "--poll", "200ms");

    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    private static string Write(string folder, string name, string toml)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, toml);
        return path;
    }
}
