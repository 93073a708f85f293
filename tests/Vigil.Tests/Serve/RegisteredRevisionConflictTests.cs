using Vigil.Detect.Rules;
using Vigil.Detect.Rules.BuiltIn;
using Vigil.Serve;

namespace Vigil.Tests.Serve;

/// <summary>Which rule files may replace the registered revision of their rule_id without <c>--replace</c>.</summary>
public class RegisteredRevisionConflictTests
{
    private const string OutcomeClause = " and event.outcome:success";

    [Fact]
    public void OlderVersionConflicts()
    {
        var registered = Rule("/rules/newer.toml", version: 5);
        var file = Rule("/other/older.toml", version: 4);

        var conflict = RegisteredRevisionConflict.Find(file, registered);

        Assert.NotNull(conflict);
        Assert.Same(registered, conflict.Registered);
        Assert.Equal("version 5 is higher than 4", conflict.Basis);
    }

    [Fact]
    public void NewerVersionReplaces()
    {
        var registered = Rule("/rules/older.toml", version: 4);
        var file = Rule("/other/newer.toml", version: 5);

        Assert.Null(RegisteredRevisionConflict.Find(file, registered));
    }

    [Fact]
    public void RegisteredFileItselfReplaces()
    {
        // An edit of the registered file is its next revision, even when it sets an older version.
        var registered = Rule("/rules/rule.toml", version: 5);
        var edited = Rule("/rules/rule.toml", version: 4);

        Assert.Null(RegisteredRevisionConflict.Find(edited, registered));
    }

    [Fact]
    public void UndecidedSameContentReplaces()
    {
        var registered = Rule("/rules/rule.toml", version: null);
        var copy = Rule("/moved/rule.toml", version: null);

        Assert.Null(RegisteredRevisionConflict.Find(copy, registered));
    }

    [Fact]
    public void UndecidedOtherContentConflicts()
    {
        var registered = Rule("/rules/rule.toml", version: null);
        var other = Rule("/other/rule.toml", version: null, withOutcome: false);

        var conflict = RegisteredRevisionConflict.Find(other, registered);

        Assert.NotNull(conflict);
        Assert.Null(conflict.Basis);
    }

    [Fact]
    public void BuiltInCopyReplacesBuiltIn()
    {
        var builtIn = Assert.Single(BuiltInRules.All);
        var copy = RuleLoader.ParseToml(AwsStsAssumeRoleUsage.Toml, "/rules/assume-role.toml");

        Assert.Null(RegisteredRevisionConflict.Find(copy, builtIn));
    }

    /// <summary>Reads the built-in rule's TOML as the file <paramref name="path"/>, with the version given or none.</summary>
    private static DetectionRule Rule(string path, int? version, bool withOutcome = true)
    {
        var text = AwsStsAssumeRoleUsage.Toml.Replace("version = 2\n", version is { } set ? $"version = {set}\n" : "", StringComparison.Ordinal);
        if (!withOutcome)
        {
            text = text.Replace(OutcomeClause, "", StringComparison.Ordinal);
        }

        return RuleLoader.ParseToml(text, path);
    }
}
