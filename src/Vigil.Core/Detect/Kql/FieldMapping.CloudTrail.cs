using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Kql;

/// <summary>The mapping of Elastic's AWS integration CloudTrail data stream, as its rules see it.</summary>
public sealed partial class FieldMapping
{
    /// <summary>ECS keyword fields not given another limit (Fleet's default template).</summary>
    public const int DefaultKeywordIgnoreAbove = 1024;

    /// <summary>The AWS integration's limit on the string copies of request parameters and response elements.</summary>
    public const int CloudTrailObjectStringIgnoreAbove = 8191;

    private static readonly Lazy<FieldMapping> CloudTrailMapping = new(BuildCloudTrail);

    /// <summary>
    /// The fields of <c>logs-aws.cloudtrail-*</c>: ECS plus the AWS integration's <c>fields.yml</c>,
    /// each with its Elasticsearch type, as a Kibana data view lists them. Other fields are keywords
    /// with <c>ignore_above</c> 1024, as Elastic's templates map a new string field.
    /// </summary>
    public static FieldMapping CloudTrail => CloudTrailMapping.Value;

    private static FieldMapping BuildCloudTrail()
    {
        var fields = new List<MappedField>();
        AddCatalogue(fields);
        AddAll(fields, FieldType.Date, "@timestamp", "event.ingested", "event.created", "event.start", "event.end",
            "aws.cloudtrail.user_identity.session_context.creation_date");
        AddAll(fields, FieldType.Ip, "source.ip", "destination.ip", "related.ip", "host.ip", "client.ip", "server.ip");
        AddAll(fields, FieldType.Long, "source.port", "destination.port", "source.as.number", "destination.as.number",
            "client.port", "server.port");
        AddAll(fields, FieldType.Boolean, "aws.cloudtrail.read_only",
            "aws.cloudtrail.console_login.additional_eventdata.mobile_version",
            "aws.cloudtrail.console_login.additional_eventdata.mfa_used");
        AddAll(fields, FieldType.Flattened, "aws.cloudtrail.flattened.request_parameters",
            "aws.cloudtrail.flattened.response_elements", "aws.cloudtrail.flattened.additional_eventdata",
            "aws.cloudtrail.flattened.service_event_details", "aws.cloudtrail.flattened.insight_details",
            "aws.cloudtrail.flattened.digest");
        fields.Add(new MappedField("message", FieldType.MatchOnlyText));
        AddObjectStrings(fields);
        AddConstants(fields);
        fields.Add(new MappedField("user_agent.original", FieldType.Keyword) { IgnoreAbove = DefaultKeywordIgnoreAbove });
        fields.Add(new MappedField("user_agent.original.text", FieldType.MatchOnlyText) { SourceField = "user_agent.original" });
        return new FieldMapping(fields, FieldType.Keyword, DefaultKeywordIgnoreAbove) { UnlistedFieldsAreMapped = true };
    }

    /// <summary>The Java <c>Map.toString()</c> copies of CloudTrail objects, each with a <c>.text</c> multi-field.</summary>
    private static void AddObjectStrings(List<MappedField> fields)
    {
        // The integration's fields.yml sets ignore_above 8191 on request_parameters and
        // response_elements only. Fleet's template generator gives the other two its keyword
        // default, 1024, so longer values of theirs are not indexed and never match.
        (string Name, int IgnoreAbove)[] strings =
        [
            ("aws.cloudtrail.request_parameters", CloudTrailObjectStringIgnoreAbove),
            ("aws.cloudtrail.response_elements", CloudTrailObjectStringIgnoreAbove),
            ("aws.cloudtrail.additional_eventdata", DefaultKeywordIgnoreAbove),
            ("aws.cloudtrail.service_event_details", DefaultKeywordIgnoreAbove),
        ];
        foreach (var (name, ignoreAbove) in strings)
        {
            fields.Add(new MappedField(name, FieldType.Keyword) { IgnoreAbove = ignoreAbove });
            fields.Add(new MappedField(name + ".text", FieldType.MatchOnlyText) { SourceField = name });
        }

        fields.Add(new MappedField("aws.cloudtrail.insight_details", FieldType.Keyword)
        {
            IgnoreAbove = CloudTrailObjectStringIgnoreAbove,
        });
    }

    private static void AddConstants(List<MappedField> fields)
    {
        fields.Add(new MappedField("data_stream.type", FieldType.ConstantKeyword) { ConstantValue = "logs" });
        fields.Add(new MappedField("data_stream.dataset", FieldType.ConstantKeyword) { ConstantValue = "aws.cloudtrail" });
        fields.Add(new MappedField("data_stream.namespace", FieldType.ConstantKeyword));
        fields.Add(new MappedField("event.dataset", FieldType.ConstantKeyword) { ConstantValue = "aws.cloudtrail" });
        fields.Add(new MappedField("event.module", FieldType.ConstantKeyword) { ConstantValue = "aws" });
    }

    /// <summary>
    /// Adds every field of the data stream's catalogue with its Elasticsearch type, keywords with
    /// Fleet's default <c>ignore_above</c>. A <c>.text</c> field below another field is its multi-field.
    /// The entries added after these replace them with what the integration sets, such as a larger limit.
    /// </summary>
    private static void AddCatalogue(List<MappedField> fields)
    {
        foreach (var name in FieldCatalogue.Names.Order(StringComparer.Ordinal))
        {
            if (FieldCatalogue.TypeOf(name) is not { } type)
            {
                continue;
            }

            var parent = name.EndsWith(".text", StringComparison.Ordinal) ? name[..^".text".Length] : null;
            fields.Add(new MappedField(name, type)
            {
                IgnoreAbove = type == FieldType.Keyword ? DefaultKeywordIgnoreAbove : null,
                SourceField = parent is not null && FieldCatalogue.TypeName(parent) is not null ? parent : null,
            });
        }
    }

    private static void AddAll(List<MappedField> fields, FieldType type, params string[] names) =>
        fields.AddRange(names.Select(name => new MappedField(name, type)));
}
