using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Maps a CloudTrail digest file (log file integrity validation) the way Elastic indexes it: an
/// integrity record with <c>file.path</c> = its own S3 object, <c>@timestamp</c> = its end time,
/// and the rest under <c>aws.cloudtrail.flattened.digest</c>. It has no <c>event.action</c>.
/// </summary>
internal static class DigestMapping
{
    private const string Digest = "aws.cloudtrail.digest";

    // Targets are full paths, so that records without digest fields allocate no path strings.
    private static readonly (string Source, string Target, bool IsDate)[] Fields =
    [
        ("logFiles", Digest + ".log_files", false),
        ("digestStartTime", Digest + ".start_time", true),
        ("digestEndTime", Digest + ".end_time", true),
    ];

    private static readonly (string Source, string Target, bool IsDate)[] LaterFields =
    [
        ("digestS3Bucket", Digest + ".s3_bucket", false),
        ("newestEventTime", Digest + ".newest_event_time", true),
        ("oldestEventTime", Digest + ".oldest_event_time", true),
        ("previousDigestS3Bucket", Digest + ".previous_s3_bucket", false),
        ("previousDigestHashAlgorithm", Digest + ".previous_hash_algorithm", false),
        ("digestPublicKeyFingerprint", Digest + ".public_key_fingerprint", false),
    ];

    public static void Apply(MappingContext context)
    {
        if (!context.Has("cloud.account.id"))
        {
            context.Rename("awsAccountId", "cloud.account.id");
        }

        if (!context.Has("file.path"))
        {
            context.Rename("digestS3Object", "file.path");
        }

        context.Rename("previousDigestS3Object", Digest + ".previous_s3_object");
        context.Rename("previousDigestSignature", Digest + ".previous_signature");
        context.Rename("previousDigestHashValue", Digest + ".previous_hash_value");
        context.AppendUnique("related.hash", context.Get(Digest + ".previous_hash_value") is { } hash ? JsonPaths.Render(hash) : null);
        MapFields(context, Fields);
        if (context.Get(Digest + ".end_time") is { } end)
        {
            context.Set("@timestamp", end.DeepClone());
        }

        MapFields(context, LaterFields);
        if (!context.Has(Digest + ".public_key_fingerprint"))
        {
            context.Rename("publicKeyFingerprint", Digest + ".public_key_fingerprint");
        }

        context.Rename("digestSignatureAlgorithm", Digest + ".signature_algorithm");
    }

    /// <summary>Moves the built digest fields under <c>aws.cloudtrail.flattened</c>, after the other mappings as in Elastic.</summary>
    public static void MoveToFlattened(MappingContext context)
    {
        if (JsonPaths.Take(context.Document, Digest) is { } digest)
        {
            context.Set("aws.cloudtrail.flattened.digest", digest);
        }
    }

    private static void MapFields(MappingContext context, (string Source, string Target, bool IsDate)[] fields)
    {
        foreach (var (source, target, isDate) in fields)
        {
            if (isDate)
            {
                MapDate(context, source, target);
            }
            else
            {
                context.Rename(source, target);
            }
        }
    }

    private static void MapDate(MappingContext context, string source, string target)
    {
        if (context.Json[source] is not JsonValue value || JavaText.Scalar(value).Length == 0)
        {
            return;
        }

        var text = JavaText.Scalar(value);
        if (ElasticDate.TryParseIso8601(text, out var date))
        {
            context.Set(target, date);
            return;
        }

        context.Json.Remove(source);
        context.AddError("date", $"date_json_{source}_to_{target.Replace('.', '_')}", $"unable to parse date [{text}]");
    }
}
