using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

public class KqlRequiredLiteralsTests
{
    private static IReadOnlySet<string>? Literals(string query, FieldMapping? mapping = null) =>
        KqlRequiredLiterals.For(Kql.Parse(query).Query!, mapping ?? FieldMapping.CloudTrail, VerbatimFields.IsVerbatim);

    [Theory]
    [InlineData("user.name:alice", "alice")]
    [InlineData("user.name:\"alice smith\"", "alice smith")]
    [InlineData("user.name:BedrockAPIKey-*", "BedrockAPIKey-")]
    [InlineData("user.name:*-admin-*", "-admin-")]
    [InlineData("user.name:ab*cdef*g", "cdef")]
    [InlineData("user.name:a\\*b*", "a*b")]
    [InlineData("user.name:(alice or bob*)", "alice,bob")]
    [InlineData("user.name:alice or aws.cloudtrail.user_identity.type:Root", "Root,alice")]
    [InlineData("aws.cloudtrail.user_identity.type:IAMUser and user.name:BedrockAPIKey-*", "BedrockAPIKey-")]
    [InlineData("user.name:BedrockAPIKey-* and not event.provider:bedrock.amazonaws.com", "BedrockAPIKey-")]
    [InlineData("user.name:(ab or cd) and user.name:abc", "abc")]
    [InlineData("user.name:(abc or de or fg) and user.name:(xy or zw)", "xy,zw")]
    [InlineData("event.provider:sts.amazonaws.com", "sts.amazonaws.com")]
    [InlineData("user.name:\u00e9lodie", "\u00e9lodie")]
    [InlineData("aws.cloudtrail.flattened.request_parameters.reason:\"requestParameters too large\"", "requestParameters too large")]
    [InlineData("aws.cloudtrail.flattened.request_parameters:bucket-a", "bucket-a")]
    [InlineData("aws.cloudtrail.flattened.response_elements.user.userName:alice", "alice")]
    [InlineData("aws.cloudtrail.flattened.insight_details.state:Start", "Start")]
    public void LiteralsNameTheText(string query, string expected)
    {
        var literals = Literals(query);

        Assert.NotNull(literals);
        Assert.Equal(expected.Split(','), literals.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("not user.name:alice")]
    [InlineData("user.name:*")]
    [InlineData("user.name > alice")]
    [InlineData("user.name:alice or source.ip:10.0.0.1")]
    [InlineData("user.*:alice")]
    [InlineData("alice")]
    [InlineData("aws.cloudtrail.resources:{ arn:alice }")]
    [InlineData("event.action:AssumeRole")]
    [InlineData("event.outcome:success")]
    [InlineData("cloud.region:us-east-1")]
    [InlineData("related.user:alice")]
    [InlineData("data_stream.dataset:aws.cloudtrail")]
    [InlineData("user_agent.original.text:curl")]
    [InlineData("aws.cloudtrail.flattened.digest.s3_bucket:trail-bucket")]
    [InlineData("aws.cloudtrail.flattened.request_parameters.bucketName:logs-*")]
    [InlineData("aws.cloudtrail.flattened.request_parametersX.a:alice")]
    [InlineData("aws.cloudtrail.request_parameters:alice")]
    public void LiteralsSkipFieldsAndNodesThatCannotBeRead(string query)
    {
        Assert.Null(Literals(query));
    }

    [Theory]
    [InlineData("user.name:12345")]
    [InlineData("user.name:1.5e-3")]
    [InlineData("user.name:true")]
    [InlineData("user.name:\"false\"")]
    [InlineData("user.name:tru*")]
    public void LiteralsSkipTextThatANumberOrBooleanCanSpell(string query)
    {
        Assert.Null(Literals(query));
    }

    [Fact]
    public void LiteralsSkipAnalyzedFields()
    {
        var mapping = new FieldMapping([new MappedField("user.name", FieldType.Text)]);

        Assert.Null(Literals("user.name:alice", mapping));
    }

    [Fact]
    public void LiteralsSkipWildcardsOnWildcardFields()
    {
        var mapping = new FieldMapping([new MappedField("user.name", FieldType.Wildcard)]);

        Assert.Null(Literals("user.name:ali*", mapping));
    }

    [Fact]
    public void LiteralsKeepExactValuesOnWildcardFields()
    {
        var mapping = new FieldMapping([new MappedField("user.name", FieldType.Wildcard)]);

        Assert.Equal(["alice"], Literals("user.name:alice", mapping)!);
    }

    [Fact]
    public void LiteralsSkipFieldsOutsideTheVerbatimSet()
    {
        var literals = KqlRequiredLiterals.For(Kql.Parse("user.name:alice").Query!, FieldMapping.CloudTrail, _ => false);

        Assert.Null(literals);
    }
}
