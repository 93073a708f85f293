using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Generator;

/// <summary>Writes a <see cref="DrawnRecord"/> as CloudTrail does: compact JSON, fields in CloudTrail's order.</summary>
internal static class RecordJson
{
    /// <summary>The array property of a CloudTrail delivery object.</summary>
    public const string RecordsProperty = "Records";

    /// <summary>
    /// Writer settings that escape only what JSON requires, because CloudTrail leaves <c>+</c> and
    /// non-ASCII text unescaped (the Invictus dataset has no <c>\u</c> escapes) where the default writes <c>\u002B</c>.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static void Write(Utf8JsonWriter writer, DrawnRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("eventVersion", "1.09");
        WriteIdentity(writer, record);
        writer.WriteString("eventTime", Timestamp(record.Time));
        writer.WriteString("eventSource", record.Call.EventSource);
        writer.WriteString("eventName", record.Call.EventName);
        writer.WriteString("awsRegion", record.Region);
        writer.WriteString("sourceIPAddress", record.SourceIp);
        writer.WriteString("userAgent", record.UserAgent);
        if (record.ErrorCode is { } error)
        {
            writer.WriteString("errorCode", error);
            writer.WriteString("errorMessage", $"Generated {error} for {record.Call.EventName}");
        }

        WritePayload(writer, record);
        writer.WriteString("requestID", record.RequestId);
        writer.WriteString("eventID", record.EventId);
        writer.WriteBoolean("readOnly", record.Call.IsReadOnly);
        WriteResources(writer, record);
        writer.WriteString("eventType", record.Call.EventName == "ConsoleLogin" ? "AwsConsoleSignIn" : "AwsApiCall");
        writer.WriteBoolean("managementEvent", !record.Call.IsDataEvent);
        writer.WriteString("recipientAccountId", record.Account);
        writer.WriteString("eventCategory", record.Call.IsDataEvent ? "Data" : "Management");
        WriteTlsDetails(writer, record);
        writer.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter writer, DrawnRecord record)
    {
        var caller = record.Caller;
        writer.WriteStartObject("userIdentity");
        writer.WriteString("type", caller.Type);
        switch (caller.Type)
        {
            case "AssumedRole":
                writer.WriteString("principalId", $"{caller.PrincipalId}:{caller.SessionName}");
                writer.WriteString("arn", $"arn:aws:sts::{caller.Account}:assumed-role/{caller.Name}/{caller.SessionName}");
                writer.WriteString("accountId", caller.Account);
                writer.WriteString("accessKeyId", caller.AccessKeyId);
                WriteSessionIssuer(writer, caller, record.Time);
                break;
            case "AWSService":
                writer.WriteString("invokedBy", caller.Name);
                break;
            case "AWSAccount":
                writer.WriteString("principalId", caller.PrincipalId);
                writer.WriteString("accountId", caller.Account);
                break;
            case "Root":
                writer.WriteString("principalId", caller.Account);
                writer.WriteString("arn", $"arn:aws:iam::{caller.Account}:root");
                writer.WriteString("accountId", caller.Account);
                writer.WriteString("accessKeyId", caller.AccessKeyId);
                break;
            default:
                writer.WriteString("principalId", caller.PrincipalId);
                writer.WriteString("arn", $"arn:aws:iam::{caller.Account}:user/{caller.Name}");
                writer.WriteString("accountId", caller.Account);
                writer.WriteString("accessKeyId", caller.AccessKeyId);
                writer.WriteString("userName", caller.Name);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteSessionIssuer(Utf8JsonWriter writer, Caller caller, DateTime time)
    {
        writer.WriteStartObject("sessionContext");
        writer.WriteStartObject("sessionIssuer");
        writer.WriteString("type", "Role");
        writer.WriteString("principalId", caller.PrincipalId);
        writer.WriteString("arn", $"arn:aws:iam::{caller.Account}:role/{caller.Name}");
        writer.WriteString("accountId", caller.Account);
        writer.WriteString("userName", caller.Name);
        writer.WriteEndObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("creationDate", Timestamp(time.AddMinutes(-7)));
        writer.WriteString("mfaAuthenticated", "false");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePayload(Utf8JsonWriter writer, DrawnRecord record)
    {
        if (record.Hop is { } hop)
        {
            WriteHop(writer, record, hop);
            return;
        }

        WriteFlatObject(writer, "requestParameters", record.RequestParameters);
        WriteFlatObject(writer, "responseElements", record.ResponseElements);
    }

    private static void WriteHop(Utf8JsonWriter writer, DrawnRecord record, RoleChainHop hop)
    {
        var roleArn = $"arn:aws:iam::{hop.TargetAccount}:role/{hop.TargetRole}";
        writer.WriteStartObject("requestParameters");
        writer.WriteString("roleArn", roleArn);
        writer.WriteString("roleSessionName", hop.SessionName);
        writer.WriteNumber("durationSeconds", hop.DurationSeconds);
        writer.WriteEndObject();

        writer.WriteStartObject("responseElements");
        writer.WriteStartObject("credentials");
        writer.WriteString("accessKeyId", hop.NewAccessKeyId);
        writer.WriteString("sessionToken", $"IQoJb3JpZ2luX2VjE{hop.NewAccessKeyId}{record.RequestId}");
        writer.WriteString("expiration", record.Time.AddSeconds(hop.DurationSeconds).ToString("MMM d, yyyy, h:mm:ss tt", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteStartObject("assumedRoleUser");
        writer.WriteString("assumedRoleId", $"{hop.TargetRoleId}:{hop.SessionName}");
        writer.WriteString("arn", $"arn:aws:sts::{hop.TargetAccount}:assumed-role/{hop.TargetRole}/{hop.SessionName}");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteFlatObject(Utf8JsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, string>>? members)
    {
        if (members is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in members)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteResources(Utf8JsonWriter writer, DrawnRecord record)
    {
        if (record.Hop is not { } hop)
        {
            return;
        }

        writer.WriteStartArray("resources");
        writer.WriteStartObject();
        writer.WriteString("accountId", hop.TargetAccount);
        writer.WriteString("type", "AWS::IAM::Role");
        writer.WriteString("ARN", $"arn:aws:iam::{hop.TargetAccount}:role/{hop.TargetRole}");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteTlsDetails(Utf8JsonWriter writer, DrawnRecord record)
    {
        if (record.Caller.Type == "AWSService")
        {
            return;
        }

        writer.WriteStartObject("tlsDetails");
        writer.WriteString("tlsVersion", "TLSv1.3");
        writer.WriteString("cipherSuite", "TLS_AES_128_GCM_SHA256");
        writer.WriteString("clientProvidedHostHeader", $"{record.Call.Service}.{record.Region}.amazonaws.com");
        writer.WriteEndObject();
    }

    private static string Timestamp(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
