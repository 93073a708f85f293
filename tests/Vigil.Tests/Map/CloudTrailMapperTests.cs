using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Tests.Map;

public class CloudTrailMapperTests
{
    private const string IamUser = """
        "userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}
        """;

    private static EcsDocument Map(string fields, MapOptions? options = null) =>
        CloudTrailMapper.Map(JsonNode.Parse("{" + fields + "}")!.AsObject(), options ?? MapOptions.Default).Document;

    private static string? Text(EcsDocument document, string field) =>
        document.FieldValues(field).FirstOrDefault() is JsonValue value ? value.ToString() : null;

    private static List<string> Texts(EcsDocument document, string field) =>
        document.FieldValues(field).Select(v => v.ToString()).ToList();

    [Fact]
    public void ConstantFieldsAlwaysSet()
    {
        var document = Map("""  "eventName":"GetObject" """);

        Assert.Equal("aws.cloudtrail", Text(document, "event.dataset"));
        Assert.Equal("aws", Text(document, "event.module"));
        Assert.Equal("logs", Text(document, "data_stream.type"));
        Assert.Equal("aws.cloudtrail", Text(document, "data_stream.dataset"));
        Assert.Equal("default", Text(document, "data_stream.namespace"));
        Assert.Equal("aws", Text(document, "cloud.provider"));
        Assert.Equal("event", Text(document, "event.kind"));
        Assert.Equal(["info"], Texts(document, "event.type"));
        Assert.Null(Text(document, "event.ingested"));
        Assert.Null(Text(document, "event.original"));
    }

    [Fact]
    public void KeepOriginalAddsRecordText()
    {
        var document = Map("""  "eventName":"GetObject","x":"é+<" """, new MapOptions { KeepOriginal = true });

        Assert.Equal("""{"eventName":"GetObject","x":"é+<"}""", Text(document, "event.original"));
    }

    [Fact]
    public void PreCleanDropsPlaceholders()
    {
        var document = Map("""  "eventName":"PutObject","errorCode":"","errorMessage":"-","requestParameters":{"a":"-","b":"none","c":{},"d":[null,""],"e":"x","f":null} """);

        Assert.Equal("success", Text(document, "event.outcome"));
        Assert.Equal("{e=x}", Text(document, "aws.cloudtrail.request_parameters"));
        Assert.Equal("""{"e":"x"}""", document.FieldValues("aws.cloudtrail.flattened.request_parameters").Single().ToJsonString());
    }

    [Fact]
    public void ErrorCodeMeansFailure()
    {
        var document = Map("""  "eventName":"CreateUser","errorCode":"AccessDenied" """);

        Assert.Equal("failure", Text(document, "event.outcome"));
        Assert.Equal("AccessDenied", Text(document, "aws.cloudtrail.error_code"));
        Assert.Equal(["iam"], Texts(document, "event.category"));
        Assert.Equal(["user", "creation"], Texts(document, "event.type"));
    }

    [Fact]
    public void UnlistedActionHasNoCategory()
    {
        var document = Map("""  "eventName":"CreateFunction20150331" """);

        Assert.Empty(Texts(document, "event.category"));
        Assert.Equal("CreateFunction20150331", Text(document, "event.action"));
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("ec2.amazonaws.com", null)]
    [InlineData("AWS Internal", null)]
    [InlineData("81.2.69.142, 192.168.10.10", null)]
    public void SourceIpOnlyForOneAddress(string address, string? ip)
    {
        var document = Map($$"""  "sourceIPAddress":"{{address}}" """);

        Assert.Equal(address, Text(document, "source.address"));
        Assert.Equal(ip, Text(document, "source.ip"));
    }

    [Fact]
    public void TimestampHasMilliseconds()
    {
        var document = Map("""  "eventTime":"2019-10-02T22:12:29Z" """);

        Assert.Equal("2019-10-02T22:12:29.000Z", Text(document, "@timestamp"));
    }

    [Fact]
    public void BadEventTimeIsPipelineError()
    {
        var result = CloudTrailMapper.Map(JsonNode.Parse("""{"eventTime":"yesterday","eventName":"AssumeRole"}""")!.AsObject());

        Assert.Contains("unable to parse date [yesterday]", result.Error);
        Assert.Equal("pipeline_error", Text(result.Document, "event.kind"));
        Assert.Equal(result.Error, Text(result.Document, "error.message"));
        Assert.Null(Text(result.Document, "@timestamp"));
        Assert.Equal("AssumeRole", Text(result.Document, "event.action"));
    }

    [Fact]
    public void IamUserIdentity()
    {
        var document = Map(IamUser);

        Assert.Equal("alice", Text(document, "user.name"));
        Assert.Equal("AIDAEXAMPLE", Text(document, "user.id"));
        Assert.Equal("111122223333", Text(document, "cloud.account.id"));
        Assert.Equal("IAMUser", Text(document, "aws.cloudtrail.user_identity.type"));
        Assert.Equal(["AIDAEXAMPLE", "alice"], Texts(document, "related.user"));
    }

    [Fact]
    public void AwsServiceIsNotAUser()
    {
        var document = Map("""  "userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"},"recipientAccountId":"111122223333" """);

        Assert.Null(Text(document, "user.name"));
        Assert.Equal("ec2.amazonaws.com", Text(document, "service.name"));
        Assert.Equal("ec2.amazonaws.com", Text(document, "aws.cloudtrail.user_identity.invoked_by"));
        Assert.Equal("111122223333", Text(document, "cloud.account.id"));
    }

    [Fact]
    public void ServiceLinkedRoleIsAService()
    {
        var document = Map("""
            "userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:session","arn":"arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAmazonInspector2/session",
              "sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2","userName":"AWSServiceRoleForAmazonInspector2"}}}
            """);

        Assert.Equal("inspector2.amazonaws.com", Text(document, "service.name"));
        Assert.Null(Text(document, "user.name"));
        Assert.Null(Text(document, "user.id"));
        Assert.Equal("Role", Text(document, "aws.cloudtrail.user_identity.session_context.session_issuer.type"));
    }

    [Fact]
    public void AssumedRoleUserIsRoleName()
    {
        var document = Map("""
            "userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:bob","arn":"arn:aws-cn:sts::111122223333:assumed-role/Deploy/bob","accountId":"111122223333",
              "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws-cn:iam::111122223333:role/Deploy","userName":"Deploy"},"attributes":{"creationDate":"20131102T010628Z","mfaAuthenticated":"true"}}}
            """);

        Assert.Equal("Deploy", Text(document, "user.name"));
        Assert.Contains("bob", Texts(document, "related.user"));
        Assert.Equal("true", Text(document, "aws.cloudtrail.user_identity.session_context.mfa_authenticated"));
        Assert.Equal("2013-11-02T01:06:28.000Z", Text(document, "aws.cloudtrail.user_identity.session_context.creation_date"));
    }

    [Fact]
    public void ConsoleLoginOutcomeFromResponse()
    {
        var document = Map("""  "eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"MFAUsed":"No","MobileVersion":"No","LoginTo":"https://x"} """);

        Assert.Equal("failure", Text(document, "event.outcome"));
        Assert.Equal("false", Text(document, "aws.cloudtrail.console_login.additional_eventdata.mfa_used"));
        Assert.Equal("https://x", Text(document, "aws.cloudtrail.console_login.additional_eventdata.login_to"));
    }

    [Fact]
    public void RecordFlagsKeepTheirTypes()
    {
        var document = Map("""  "managementEvent":true,"readOnly":false,"eventType":"AwsApiCall","eventCategory":"Management" """);

        Assert.Equal(JsonValueKindString("true"), document.FieldValues("aws.cloudtrail.management_event").Single().ToJsonString());
        Assert.Equal("false", document.FieldValues("aws.cloudtrail.read_only").Single().ToJsonString());
        Assert.Equal("AwsApiCall", Text(document, "aws.cloudtrail.event_type"));
        Assert.Equal("Management", Text(document, "aws.cloudtrail.event_category"));
    }

    [Fact]
    public void ResourcesRenamedAndDeduplicated()
    {
        var document = Map("""
            "resources":[{"ARN":"arn:aws:iam::1:role/A","accountId":"1","type":"AWS::IAM::Role"},{"ARN":"arn:aws:iam::1:role/A","accountId":"1","type":"AWS::IAM::Role"},{"arn":"arn:aws:ec2:us-east-1:1:instance/i-0123456789abcdef0"}]
            """);

        var resources = document.FieldValues("aws.cloudtrail.resources.arn").Select(v => v.ToString()).Order().ToList();
        Assert.Equal(["arn:aws:ec2:us-east-1:1:instance/i-0123456789abcdef0", "arn:aws:iam::1:role/A"], resources);
        Assert.Equal(["1"], Texts(document, "aws.cloudtrail.resources.account_id"));
        Assert.Contains("i-0123456789abcdef0", Texts(document, "related.hosts"));
    }

    [Fact]
    public void OversizedPayloadKeepsOnlyString()
    {
        var big = new string('q', 40_000);

        var document = Map($$"""  "requestParameters":{"query":"{{big}}"} """);

        Assert.Equal("{query=" + big + "}", Text(document, "aws.cloudtrail.request_parameters"));
        Assert.Empty(document.FieldValues("aws.cloudtrail.flattened.request_parameters"));
    }

    [Fact]
    public void TlsVersionSplits()
    {
        var document = Map("""  "tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"example.com"} """);

        Assert.Equal("tls", Text(document, "tls.version_protocol"));
        Assert.Equal("1.3", Text(document, "tls.version"));
        Assert.Equal("TLS_AES_128_GCM_SHA256", Text(document, "tls.cipher"));
        Assert.Equal(["example.com"], Texts(document, "related.hosts"));
    }

    [Fact]
    public void TlsPlaceholderDropsBlock()
    {
        var document = Map("""  "tlsDetails":{"tlsVersion":"tlsVersion","cipherSuite":"x"} """);

        Assert.Null(document.Root["tls"]);
    }

    [Fact]
    public void DigestIsIntegrityRecord()
    {
        var document = Map("""
            "awsAccountId":"111122223333","digestStartTime":"2026-12-04T08:00:00Z","digestEndTime":"2026-12-04T09:00:00Z","digestS3Object":"own.json.gz",
            "previousDigestS3Object":null,"previousDigestHashValue":null,"logFiles":[]
            """);

        Assert.Equal("own.json.gz", Text(document, "file.path"));
        Assert.Equal("2026-12-04T09:00:00.000Z", Text(document, "@timestamp"));
        Assert.Null(Text(document, "event.action"));
        Assert.Null(Text(document, "file.hash.sha256"));
        Assert.Equal("111122223333", Text(document, "cloud.account.id"));
    }

    [Fact]
    public void EmptyListEntriesAreRemoved()
    {
        var document = Map("""  "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/@example.com"} """);

        Assert.Equal(["@example.com"], Texts(document, "related.user"));
        Assert.Equal("@example.com", Text(document, "user.email"));
    }

    private static string JsonValueKindString(string text) => "\"" + text + "\"";
}
