namespace Vigil.Detect.Rules.BuiltIn;

/// <summary>
/// Vigil's version 2 of the prebuilt rule "AWS Security Token Service (STS) AssumeRole Usage",
/// written from the facts of Elastic's documentation page for it (package 0.14.3).
/// </summary>
/// <remarks>
/// The documented version 1 queries <c>event.action:AssumedRole</c>, which no CloudTrail record
/// carries: the STS API call is <c>AssumeRole</c>, and <c>AssumedRole</c> is a
/// <c>userIdentity.type</c> value. Version 2 queries <c>event.action:AssumeRole</c> and is otherwise
/// the same. The interval, look-back and <c>max_signals</c> are Kibana's defaults, written out.
/// </remarks>
internal static class AwsStsAssumeRoleUsage
{
    public const string Toml = """"
        [metadata]
        creation_date = "2021/05/17"
        integration = ["aws"]
        maturity = "production"

        [rule]
        author = ["Austin Songer"]
        description = """
        Detects calls to the AWS STS AssumeRole API. A successful call hands out temporary credentials for \
        an IAM role, which an attacker can use to reach other AWS resources and to gain the role's privileges.\
        """
        from = "now-6m"
        index = ["filebeat-*", "logs-aws*"]
        interval = "5m"
        language = "kuery"
        license = "Elastic License v2"
        max_signals = 100
        name = "AWS Security Token Service (STS) AssumeRole Usage"
        note = """## Config

        Needs AWS CloudTrail events in ECS form, such as the AWS Fleet integration or the Filebeat aws module write."""
        references = ["https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"]
        risk_score = 21
        rule_id = "93075852-b0f5-4b8b-89c3-a226efae5726"
        severity = "low"
        tags = ["Elastic", "Cloud", "AWS", "Continuous Monitoring", "SecOps", "Identity and Access"]
        timestamp_override = "event.ingested"
        type = "query"
        version = 2

        query = '''
        event.dataset:aws.cloudtrail and event.provider:sts.amazonaws.com and event.action:AssumeRole and
        aws.cloudtrail.user_identity.session_context.session_issuer.type:Role and event.outcome:success
        '''

        [[rule.threat]]
        framework = "MITRE ATT&CK"

        [rule.threat.tactic]
        id = "TA0004"
        name = "Privilege Escalation"
        reference = "https://attack.mitre.org/tactics/TA0004/"

        [[rule.threat.technique]]
        id = "T1548"
        name = "Abuse Elevation Control Mechanism"
        reference = "https://attack.mitre.org/techniques/T1548/"

        [[rule.threat]]
        framework = "MITRE ATT&CK"

        [rule.threat.tactic]
        id = "TA0008"
        name = "Lateral Movement"
        reference = "https://attack.mitre.org/tactics/TA0008/"

        [[rule.threat.technique]]
        id = "T1550"
        name = "Use Alternate Authentication Material"
        reference = "https://attack.mitre.org/techniques/T1550/"

        [[rule.threat.technique.subtechnique]]
        id = "T1550.001"
        name = "Application Access Token"
        reference = "https://attack.mitre.org/techniques/T1550/001/"
        """";
}
