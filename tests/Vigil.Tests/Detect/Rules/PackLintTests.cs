using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Lints Elastic's prebuilt AWS rules; every problem reported was checked by hand.</summary>
public class PackLintTests
{
    private static readonly string[] ExpectedProblems =
    [
        "history/privilege_escalation_sts_assumerole_usage@1b9aaa3730_2023-10-24_as-documented.toml AssumedRole",
        "rules/_deprecated/defense_evasion_elasticache_security_group_creation.toml Create Cache Security Group",
        "rules/_deprecated/defense_evasion_elasticache_security_group_modified_or_deleted.toml Authorize Cache Security Group Ingress",
        "rules/_deprecated/defense_evasion_elasticache_security_group_modified_or_deleted.toml AuthorizeCacheSecurityGroupEgress",
        "rules/_deprecated/defense_evasion_elasticache_security_group_modified_or_deleted.toml Delete Cache Security Group",
        "rules/_deprecated/defense_evasion_elasticache_security_group_modified_or_deleted.toml Revoke Cache Security Group Ingress",
        "rules/_deprecated/defense_evasion_elasticache_security_group_modified_or_deleted.toml RevokeCacheSecurityGroupEgress",
        "rules/integrations/aws/discovery_bedrock_model_recon_and_invocation_via_long_term_key.toml aws.cloudtrail.additionalEventData.inputTokens",
        "rules/integrations/aws/discovery_bedrock_model_recon_and_invocation_via_long_term_key.toml aws.cloudtrail.additionalEventData.outputTokens",
        "rules/integrations/aws/discovery_new_terms_vpn_asn_discovery_api_calls.toml ListFunctions",
        "rules/integrations/aws/discovery_organization_discovery_by_rare_user.toml DescribeOrgnanizationalUnit",
        "rules/integrations/aws/persistence_bedrock_foundation_model_access_denied_attempt.toml PutFoundationModelEntitlement",
        "rules/integrations/aws/persistence_bedrock_foundation_model_access_enabled_or_entitlement_granted.toml PutFoundationModelEntitlement",
        "rules/integrations/aws/privilege_escalation_ec2_instance_profile_associated_with_running_instance.toml ReplaceIamInstanceProfile",
    ];

    [Fact]
    public void PackProblemsAreTheReviewedOnes()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var rules = RuleLoader.LoadPaths([pack]).Rules;

        var problems = rules.SelectMany(RuleLinter.Lint)
            .Where(finding => finding.Severity >= LintSeverity.Warning)
            .Select(finding => $"{Path.GetRelativePath(pack, finding.File).Replace('\\', '/')} {QuotedValue(finding.Message)}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(ExpectedProblems, problems);
    }

    [Fact]
    public void PackHasNoVr001Errors()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var rules = RuleLoader.LoadPaths([pack]).Rules;

        var errors = rules.SelectMany(RuleLinter.Lint)
            .Where(finding => finding.Id == LintIds.ActionNotLoggedByProvider && finding.Severity == LintSeverity.Error)
            .Select(finding => finding.ToString());

        Assert.Empty(errors);
    }

    [Fact]
    public void PackLintsWithoutParseGaps()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var kuery = RuleLoader.LoadPaths([pack]).Rules.Where(rule => rule.Language == "kuery").ToList();

        Assert.NotEmpty(kuery);
        Assert.All(kuery, rule => Assert.True(Vigil.Detect.Kql.Kql.Parse(rule.Query).Success, rule.SourcePath));
    }

    private static string QuotedValue(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal) + 1;
        return message[start..message.IndexOf('"', start)];
    }
}
