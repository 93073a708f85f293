using System.Text.Json.Nodes;
using Vigil.Detect.Rules.Lint;

namespace Vigil.Tests.Detect;

/// <summary>A finding's message and fix read as sentences in the text and SARIF reports: one full stop, none after a question.</summary>
public class LintFindingTextTests
{
    private static readonly LintFinding Question = new(LintIds.UnknownRuleKey, LintSeverity.Warning, "r-1", "rule.toml", 3, 1, null, "unknown key max_signal; did you mean max_signals?", "rename the key");

    [Fact]
    public void Text_QuestionMessage_NoFullStopAfter()
    {
        var text = Question.ToString();

        Assert.Contains("did you mean max_signals? Fix: rename the key.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_QuestionMessage_NoFullStopAfter()
    {
        var sarif = JsonNode.Parse(LintReport.ToSarif([Question]))!;

        var message = sarif["runs"]![0]!["results"]![0]!["message"]!["text"]!.GetValue<string>();

        Assert.Equal("unknown key max_signal; did you mean max_signals? Fix: rename the key", message);
    }

    [Fact]
    public void Text_PlainMessage_OneFullStop()
    {
        var finding = Question with { Message = "the query can never match.", Fix = null };

        Assert.EndsWith("VR017: the query can never match.", finding.ToString(), StringComparison.Ordinal);
    }
}
