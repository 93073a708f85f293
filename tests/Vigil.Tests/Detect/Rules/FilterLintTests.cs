using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Lint checks the fields and values of a rule's filters as it checks those of its KQL query.</summary>
public class FilterLintTests
{
    [Fact]
    public void MisspelledFilterField_IsUnknownField()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"term":{"user.nmae":"alice"}}}]""", "event.provider:iam.amazonaws.com");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("did you mean user.name?", finding.Fix);
        Assert.StartsWith("filter filters[0] at filters[0].query.term.user.nmae: user.nmae is neither an ECS field", finding.Message, StringComparison.Ordinal);
        Assert.Null(finding.QueryOffset);
    }

    [Fact]
    public void ExistsFilterOnObject_HasNoFinding()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"exists":{"field":"user"}}}]""", "event.provider:iam.amazonaws.com");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);
    }

    [Fact]
    public void TermsValueNotLogged_NamesIndex()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"terms":{"event.action":["AssumeRole","AssumeRol"]}}}]""", "event.provider:sts.amazonaws.com");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ActionNotLoggedByProvider);

        Assert.StartsWith("filter filters[0] at filters[0].query.terms.event.action[1]: event.action \"AssumeRol\" is never logged by event.provider sts.amazonaws.com", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("did you mean AssumeRole", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterProviderNarrowsQueryAction()
    {
        var rule = FilterRules.Rule("""[{"meta":{"type":"phrase","key":"event.provider"},"query":{"match_phrase":{"event.provider":"sts.amazonaws.com"}}}]""", "event.action:CreateUser");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ActionNotLoggedByProvider);

        Assert.NotNull(finding.QueryOffset);
    }

    [Fact]
    public void ImpossibleOutcome_InNegatedFilter_IsWarning()
    {
        var rule = FilterRules.Rule("""[{"meta":{"negate":true},"query":{"match_phrase":{"event.outcome":"succeeded"}}}]""", "event.provider:iam.amazonaws.com");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ImpossibleValue);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("the negated condition always holds", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadingWildcardOnLargeField_IsNoted()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"wildcard":{"aws.cloudtrail.request_parameters":"*roleArn*"}}}]""", "event.provider:iam.amazonaws.com");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.LeadingWildcard);

        Assert.StartsWith("filter filters[0] at filters[0].query.wildcard.aws.cloudtrail.request_parameters:", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoneWildcardAndCaseInsensitive_NoValueFinding()
    {
        var rule = FilterRules.Rule("""
            [{"meta":{},"query":{"wildcard":{"event.outcome":"*"}}},
             {"meta":{},"query":{"term":{"event.outcome":{"value":"SUCCESS","case_insensitive":true}}}}]
            """, "event.provider:iam.amazonaws.com");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ImpossibleValue);
    }

    [Fact]
    public void RejectedFilterValue_FixIsFilled()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"terms":{"source.ip":["10.0.0.1","notanip"]}}}]""", "event.provider:iam.amazonaws.com");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.FilterNotApplied);

        Assert.Equal("use an address or a CIDR block such as 10.0.0.0/8", finding.Fix);
        Assert.Equal(
            "invalid filter filters[0]: Elasticsearch rejects the value `notanip` on the ip field `source.ip`, so the rule would fail (at filters[0].query.terms.source.ip[1])",
            finding.Message);
        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.WrongValueType);
    }

    [Fact]
    public void FilterTermAgainstQueryValue_IsContradiction()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"term":{"event.action":"GetObject"}}}]""", "event.provider:sts.amazonaws.com and event.action:AssumeRole");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.StartsWith("filter filters[0] at filters[0].query.term.event.action: event.action holds one value per event, and no value is both one of (AssumeRole) and one of (GetObject)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoDisjointFilters_IsContradiction()
    {
        var rule = FilterRules.Rule("""
            [{"meta":{},"query":{"terms":{"event.action":["AssumeRole","GetSessionToken"]}}},
             {"meta":{},"query":{"match_phrase":{"event.action":"GetObject"}}}]
            """, "event.provider:sts.amazonaws.com");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);

        Assert.StartsWith("filter filters[1] at filters[1].query.match_phrase.event.action:", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterSharingAValueWithQuery_NotContradiction()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"terms":{"event.action":["AssumeRole","GetObject"]}}}]""", "event.action:(AssumeRole or AssumeRoleWithSAML)");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);
    }

    [Fact]
    public void NegatedOrShouldFilter_NotContradiction()
    {
        var rule = FilterRules.Rule("""
            [{"meta":{"negate":true},"query":{"term":{"event.action":"GetObject"}}},
             {"meta":{},"query":{"bool":{"should":[{"term":{"event.action":"GetObject"}},{"term":{"event.action":"AssumeRole"}}]}}}]
            """, "event.action:AssumeRole");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);
    }

    [Fact]
    public void NegatedExistsFilter_IsMissingAndPresent()
    {
        var rule = FilterRules.Rule("""[{"meta":{"negate":true,"type":"exists","key":"user.name"},"query":{"exists":{"field":"user.name"}}}]""", "event.provider:iam.amazonaws.com and user.name:alice");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.MissingAndPresent);

        Assert.StartsWith("filter filters[0] (exists filter on user.name) at filters[0].query.exists", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryNestedConjunction_NotJoinedWithFilters()
    {
        // The filter applies to the whole query; "(event.action:AssumeRole and ...) or ..." has another way to match.
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"term":{"event.action":"GetObject"}}}]""", "(event.action:AssumeRole and event.outcome:success) or event.provider:s3.amazonaws.com");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);
    }

    [Fact]
    public void CaseInsensitiveTerm_NotContradiction()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"term":{"event.action":{"value":"assumerole","case_insensitive":true}}}}]""", "event.action:AssumeRole");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);
    }

    [Fact]
    public void PhrasesFilter_IsContradiction()
    {
        var rule = FilterRules.Rule("""
            [{"meta":{"type":"phrases","key":"event.action","params":["GetObject","PutObject"]},
              "query":{"bool":{"should":[{"match_phrase":{"event.action":"GetObject"}},{"match_phrase":{"event.action":"PutObject"}}],"minimum_should_match":1}}}]
            """, "event.provider:sts.amazonaws.com and event.action:AssumeRole");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);

        Assert.Contains("no value is both one of (AssumeRole) and one of (GetObject, PutObject)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleShouldAndDoubleNegation_AreRequired()
    {
        var single = FilterRules.Rule("""[{"meta":{},"query":{"bool":{"should":[{"term":{"event.action":"GetObject"}}]}}}]""", "event.action:AssumeRole");
        var doubleNegation = FilterRules.Rule("""[{"meta":{"negate":true},"query":{"bool":{"must_not":[{"term":{"event.action":"GetObject"}}]}}}]""", "event.action:AssumeRole");

        Assert.Contains(RuleLinter.Lint(single), finding => finding.Id == LintIds.ContradictoryValues);
        Assert.Contains(RuleLinter.Lint(doubleNegation), finding => finding.Id == LintIds.ContradictoryValues);
    }

    [Fact]
    public void ShouldProvider_NoActionFinding()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"bool":{"should":[{"term":{"event.action":"GetObject"}},{"term":{"event.provider":"sts.amazonaws.com"}}]}}}]""");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ActionNotLoggedByProvider);
    }

    [Fact]
    public void ContradictionFix_IsKql()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"term":{"event.action":"GetObject"}}}]""", "event.action:(AssumeRole or GetSessionToken)");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.ContradictoryValues);

        Assert.Equal("join the values with \"or\": event.action:(AssumeRole or GetSessionToken or ...)", finding.Fix);
    }
}
