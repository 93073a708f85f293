using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Tests.Detect.Rules;

public class TechniqueLintTests
{
    private static readonly string FixturePath =
        Path.Combine(TestPaths.RepositoryRoot, "tests", "Vigil.Tests", "Fixtures", "lint", "threat-mismatches.toml");

    [Fact]
    public void WrongTechniqueNameGetsRightName()
    {
        var finding = FindingAbout("T1078 is named");

        Assert.Equal(LintIds.ThreatMismatch, finding.Id);
        Assert.Equal("set the name to \"Valid Accounts\"", finding.Fix);
        Assert.Equal(FixtureLine("name = \"Valid Account\""), finding.Line);
    }

    [Fact]
    public void WrongSubtechniqueNameGetsRightName()
    {
        var finding = FindingAbout("T1078.004 is named");

        Assert.Equal("set the name to \"Cloud Accounts\"", finding.Fix);
        Assert.Equal(FixtureLine("name = \"Cloud Account\""), finding.Line);
    }

    [Fact]
    public void UnknownSubtechniqueReported()
    {
        var finding = FindingAbout("sub-technique id \"T1078.009\"");

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(FixtureLine("id = \"T1078.009\""), finding.Line);
    }

    [Fact]
    public void UnknownTechniqueSuggestsIdOfName()
    {
        var finding = FindingAbout("technique id \"T1999\"");

        Assert.Equal("\"External Remote Services\" is T1133: use that id", finding.Fix);
    }

    [Fact]
    public void TechniqueOutsideTacticReported()
    {
        var finding = FindingAbout("T1530 Data from Cloud Storage is not a technique of tactic TA0004");

        Assert.Contains("TA0009 Collection", finding.Message, StringComparison.Ordinal);
        Assert.Equal(FixtureLine("id = \"T1530\""), finding.Line);
    }

    [Fact]
    public void FixtureHasFiveFindings()
    {
        Assert.Equal(5, Findings().Count);
    }

    [Fact]
    public void MultiTacticTechniqueAccepted()
    {
        ThreatMapping[] threat =
        [
            new ThreatMapping("MITRE ATT&CK", new ThreatTactic("TA0005", "Defense Evasion", "https://attack.mitre.org/tactics/TA0005/"),
                [new ThreatTechnique("T1078", "Valid Accounts", "https://attack.mitre.org/techniques/T1078/",
                    [new ThreatSubtechnique("T1078.004", "Cloud Accounts", "https://attack.mitre.org/techniques/T1078/004/")])]),
        ];
        var rule = LintRules.FromQuery("event.action:ConsoleLogin", threat: threat);

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ThreatMismatch);
    }

    [Theory]
    [InlineData("T1078", "Valid Accounts", "TA0001")]
    [InlineData("T1562.008", "Disable or Modify Cloud Logs", "TA0005")]
    [InlineData("T1098.001", "Additional Cloud Credentials", "TA0003")]
    [InlineData("T1530", "Data from Cloud Storage", "TA0009")]
    public void CatalogueTechnique(string id, string name, string tacticId)
    {
        var technique = AttackTechniques.Find(id);

        Assert.NotNull(technique);
        Assert.Equal(name, technique.Name);
        Assert.Contains(tacticId, technique.TacticIds);
    }

    [Fact]
    public void PackThreatMappingsMatchCatalogue()
    {
        var pack = Vigil.Tests.Support.RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");

        var findings = RuleLoader.LoadPaths([pack]).Rules.SelectMany(RuleLinter.Lint).Where(finding => finding.Id == LintIds.ThreatMismatch);

        Assert.Empty(findings);
    }

    private static LintFinding FindingAbout(string messageStart) =>
        Assert.Single(Findings(), finding => finding.Message.StartsWith(messageStart, StringComparison.Ordinal));

    private static List<LintFinding> Findings()
    {
        var rule = RuleLoader.LoadPaths([FixturePath]).Rules.Single();
        return RuleLinter.Lint(rule).Where(finding => finding.Id == LintIds.ThreatMismatch).ToList();
    }

    private static int FixtureLine(string text) =>
        Array.FindIndex(File.ReadAllLines(FixturePath), line => line.Contains(text, StringComparison.Ordinal)) + 1;
}
