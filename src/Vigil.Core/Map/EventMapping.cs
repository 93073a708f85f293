using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>Maps the event's own fields: time, service, action, region, caller address and record metadata.</summary>
internal static class EventMapping
{
    private const string AmazonAwsSuffix = ".amazonaws.com";

    /// <summary>
    /// Sets <c>@timestamp</c> from the record's <c>eventTime</c> as it was before the pre-clean, as in
    /// Elastic.
    /// </summary>
    /// <summary>Returns the <c>@timestamp</c> that <see cref="MapTimestamp"/> sets for <paramref name="eventTime"/>, or null when it sets none.</summary>
    public static string? Timestamp(JsonNode? eventTime) =>
        eventTime is JsonValue value && ElasticDate.TryParseIso8601(JavaText.Scalar(value), out var timestamp) ? timestamp : null;

    public static void MapTimestamp(MappingContext context, JsonNode? eventTime)
    {
        if (eventTime is not JsonValue value || JavaText.Scalar(value).Length == 0)
        {
            return;
        }

        var text = JavaText.Scalar(value);
        if (ElasticDate.TryParseIso8601(text, out var timestamp))
        {
            context.Set("@timestamp", timestamp);
            return;
        }

        context.AddError("date", "date_json_eventTime_to_timestamp_e9417ba3", $"unable to parse date [{text}]");
    }

    public static void MapServiceAndAction(MappingContext context)
    {
        // Elastic's dissect %{name}.amazonaws.com takes the text before the first ".amazonaws.com".
        var source = JsonPaths.GetString(context.Json, "eventSource");
        if (source is not null && source.EndsWith(AmazonAwsSuffix, StringComparison.Ordinal))
        {
            context.Set("cloud.service.name", source[..source.IndexOf(AmazonAwsSuffix, StringComparison.Ordinal)]);
        }

        context.Rename("eventSource", "event.provider");
        var action = JsonPaths.Render(context.Json["eventName"]);
        if (action.Length > 0)
        {
            context.Set("event.action", action);
        }

        context.Rename("eventCategory", "aws.cloudtrail.event_category");
        if (action == "UserAuthentication" && !context.Has("user.name"))
        {
            context.Rename("additionalEventData.UserName", "user.name");
        }

        context.Set("cloud.provider", "aws");
        context.Copy("awsRegion", "cloud.region");
    }

    /// <summary>
    /// Keeps <c>sourceIPAddress</c> verbatim in <c>source.address</c> (it may be a service name,
    /// <c>AWS Internal</c> or a list) and sets <c>source.ip</c> only when it is one valid address.
    /// </summary>
    public static void MapSource(MappingContext context)
    {
        context.Rename("sourceIPAddress", "source.address");
        if (context.GetString("source.address") is { } address && IpText.IsIp(address))
        {
            context.Set("source.ip", address);
        }

        // NOTE: Elastic also parses the user agent (name, version, os, device) and looks up GeoIP
        // and ASN for source.ip; neither is done here.
        context.Copy("userAgent", "user_agent.original");
        context.Rename("errorCode", "aws.cloudtrail.error_code");
        context.Rename("errorMessage", "aws.cloudtrail.error_message");
    }

    public static void MapRecordFields(MappingContext context)
    {
        context.Rename("requestID", "aws.cloudtrail.request_id");
        if (!context.Has("event.id"))
        {
            context.Rename("eventID", "event.id");
        }

        context.Rename("eventType", "aws.cloudtrail.event_type");
        context.Rename("apiVersion", "aws.cloudtrail.api_version");
        if (JsonPaths.Take(context.Json, "managementEvent") is { } management)
        {
            context.Set("aws.cloudtrail.management_event", JavaText.Render(management));
        }

        context.Rename("readOnly", "aws.cloudtrail.read_only");
    }

    /// <summary>Maps the receiving account (also the fallback <c>cloud.account.id</c>), shared event, VPC endpoint and addendum.</summary>
    public static void MapAccountAndDelivery(MappingContext context)
    {
        context.Rename("recipientAccountId", "aws.cloudtrail.recipient_account_id");
        if (!context.Has("cloud.account.id") && context.Get("aws.cloudtrail.recipient_account_id") is { } recipient && JsonPaths.Render(recipient).Length > 0)
        {
            context.Set("cloud.account.id", recipient.DeepClone());
        }

        context.Rename("sharedEventID", "aws.cloudtrail.shared_event_id");
        if (!context.Has("aws.cloudtrail.shared_event_id"))
        {
            context.Rename("sharedEventId", "aws.cloudtrail.shared_event_id");
        }

        context.Rename("vpcEndpointId", "aws.cloudtrail.vpc_endpoint_id");
        context.Rename("vpcEndpointAccountId", "aws.cloudtrail.vpc_endpoint_account_id");
        context.Rename("addendum.reason", "aws.cloudtrail.addendum.reason");
        context.Rename("addendum.updatedFields", "aws.cloudtrail.addendum.updated_fields");
        context.Rename("addendum.originalRequestID", "aws.cloudtrail.addendum.original_request_id");
        context.Rename("addendum.originalEventID", "aws.cloudtrail.addendum.original_event_id");
    }

    /// <summary>Maps <c>additionalEventData</c> of a <c>ConsoleLogin</c> to booleans and the sign-in URL.</summary>
    public static void MapConsoleLogin(MappingContext context)
    {
        if (JsonPaths.Render(context.Json["eventName"]) != "ConsoleLogin")
        {
            return;
        }

        const string Data = "additionalEventData";
        var details = new JsonObject();
        if (JsonPaths.Get(context.Json, Data + ".MobileVersion") is { } mobile)
        {
            details["mobile_version"] = JsonPaths.Render(mobile) != "No";
        }

        if (JsonPaths.Get(context.Json, Data + ".LoginTo") is { } loginTo)
        {
            details["login_to"] = loginTo.DeepClone();
        }

        if (JsonPaths.Get(context.Json, Data + ".MFAUsed") is { } mfa)
        {
            details["mfa_used"] = JsonPaths.Render(mfa) != "No";
        }

        if (details.Count > 0)
        {
            context.Set("aws.cloudtrail.console_login.additional_eventdata", details);
        }
    }
}
