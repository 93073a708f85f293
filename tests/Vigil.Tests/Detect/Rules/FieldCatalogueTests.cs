using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Tests.Detect.Rules;

public class FieldCatalogueTests
{
    [Theory]
    [InlineData("event.action", "keyword")]
    [InlineData("source.port", "long")]
    [InlineData("source.ip", "ip")]
    [InlineData("aws.cloudtrail.read_only", "boolean")]
    [InlineData("aws.cloudtrail.flattened.request_parameters", "flattened")]
    [InlineData("aws.cloudtrail.request_parameters.text", "text")]
    [InlineData("user_agent.original.text", "match_only_text")]
    [InlineData("data_stream.dataset", "constant_keyword")]
    public void CatalogueTypeName(string field, string type)
    {
        Assert.Equal(type, FieldCatalogue.TypeName(field));
    }

    [Theory]
    [InlineData("aws.cloudtrail.flattened.request_parameters.roleArn")]
    [InlineData("aws.cloudtrail.flattened.request_parameters.ipPermissions.items.fromPort")]
    [InlineData("labels.team")]
    [InlineData("container.labels.app")]
    public void OpenContainerKeysAreKnown(string field)
    {
        Assert.True(FieldCatalogue.IsKnown(field));
    }

    [Theory]
    [InlineData("event.acton")]
    [InlineData("aws.cloudtrail.user_identity")]
    [InlineData("aws.cloudtrail.request_parameters.roleArn")]
    [InlineData("dns.answers.unknown")]
    public void UncataloguedFieldsAreUnknown(string field)
    {
        Assert.False(FieldCatalogue.IsKnown(field));
    }

    [Fact]
    public void ObjectPathIsRecognised()
    {
        Assert.True(FieldCatalogue.IsObjectPath("aws.cloudtrail.user_identity"));
        Assert.False(FieldCatalogue.IsObjectPath("event.action"));
    }

    [Fact]
    public void CloudTrailMappingFieldsAreCatalogued()
    {
        var missing = FieldMapping.CloudTrail.Fields.Select(field => field.Name).Where(name => !FieldCatalogue.IsKnown(name)).ToList();

        Assert.Equal(["aws.cloudtrail.insight_details"], missing);
    }

    [Fact]
    public void CloudTrailMappingTypesAgree()
    {
        var disagreeing = FieldMapping.CloudTrail.Fields
            .Where(field => FieldCatalogue.TypeOf(field.Name) is { } type && Family(type) != Family(field.Type))
            .Select(field => $"{field.Name}: {field.Type} vs {FieldCatalogue.TypeName(field.Name)}")
            .ToList();

        Assert.Empty(disagreeing);
    }

    [Theory]
    [InlineData("aws.cloudtrail.additionalEventData.inputTokens", "aws.cloudtrail.flattened.additional_eventdata.inputTokens")]
    [InlineData("aws.cloudtrail.request_parameters.roleArn", "aws.cloudtrail.flattened.request_parameters.roleArn")]
    [InlineData("aws.cloudtrail.responseElements.credentials.accessKeyId", "aws.cloudtrail.flattened.response_elements.credentials.accessKeyId")]
    [InlineData("event.acton", "event.action")]
    public void SuggestionForUnknownField(string field, string suggestion)
    {
        Assert.Equal(suggestion, FieldSuggestions.For(field)[0]);
    }

    /// <summary>Text and match_only_text are queried alike, so the catalogue may name either.</summary>
    private static FieldType Family(FieldType type) => type == FieldType.MatchOnlyText ? FieldType.Text : type;
}
