using System.Text.RegularExpressions;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// When another command registers another file of a <c>rule_id</c> that <c>vigil serve</c> runs,
/// serve registers its own rule again at its next step, as a restart would, and logs the swap once.
/// </summary>
public class ServeRegistrationSwapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly string SwapWarning = $"Rule {CliStore.RuleId} ({CliStore.RuleName}) was registered from ";

    [Fact]
    public void OtherFileRegistered_OwnFileRegisteredAgain()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var own = store.WriteRule("rules/rule.toml");
        var other = store.WriteRule("newer.toml", ("version = 2\n", "version = 3\n"));

        using (var serve = ServeRuleFiles.StartServe(store, rules))
        {
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
            var first = store.Run("rules", "enable", other);
            Assert.True(Eventually.True(() => store.Registered(CliStore.RuleId).SourceFile == own, Patience), serve.StandardError);
            var second = store.Run("rules", "enable", other);
            Assert.True(Eventually.True(() => store.Registered(CliStore.RuleId).SourceFile == own, Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Equal(0, first.ExitCode);
            Assert.Equal(0, second.ExitCode);
            Assert.Equal(1, Occurrences(serve.StandardError, $"{SwapWarning}{other} by another command"));
            Assert.Equal(1, Occurrences(serve.StandardError, $"the older revision from {own} (version 2) replaces the registered revision from {other} (version 3)"));
            Assert.Equal(2, Occurrences(serve.StandardError, $"Rule {CliStore.RuleId} ({CliStore.RuleName}) registered (version 2)"));
        }

        Assert.Equal(own, store.Registered(CliStore.RuleId).SourceFile);
    }

    [Fact]
    public void OtherFileRegistered_BuiltInRegisteredAgain()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var other = store.WriteRule("newer.toml", ("version = 2\n", "version = 3\n"));

        using (var serve = ServeProcess.Start("--data", store.Data, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
            var enable = store.Run("rules", "enable", other);
            Assert.True(Eventually.True(() => store.Registered(CliStore.RuleId).SourceFile is null, Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Equal(0, enable.ExitCode);
            Assert.Equal(1, Occurrences(serve.StandardError, $"{SwapWarning}{other} by another command"));
        }

        Assert.Null(store.Registered(CliStore.RuleId).SourceFile);
    }

    private static int Occurrences(string text, string value) =>
        Regex.Count(text, Regex.Escape(value));
}
