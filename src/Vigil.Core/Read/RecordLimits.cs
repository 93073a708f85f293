using System.Text.Json;

namespace Vigil.Read;

/// <summary>The size limit of one record, and the check for it.</summary>
/// <remarks>
/// CloudTrail's largest events are 1 MB (the "large" event size of Lake event data stores). A hunt
/// needs about 17 times a record's size to parse, map and alert on it: a 100 MB record peaked at
/// 1.7 GB. With a limit of 2 MiB, 40 alerting records of 2 MiB peaked at 174 MB.
/// </remarks>
internal static class RecordLimits
{
    public const int MaxRecordBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The maximum number of JSON values (objects, arrays, strings, numbers, literals) in one record. The
    /// largest of 3,358 real records has 288. A parsed value costs about 150 bytes, so 2 MiB of
    /// <c>0,</c> would otherwise take 150 MB.
    /// </summary>
    public const int MaxRecordValues = 100_000;

    // Below this size a record cannot contain more values than the limit, so it is not counted.
    private const int CountFromBytes = MaxRecordValues * 2;

    /// <summary>Returns whether a token starts a JSON value, as the value limit counts them.</summary>
    public static bool IsValue(JsonTokenType token) =>
        token is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray);

    /// <summary>Writes a size as whole MiB when it is one, else in bytes.</summary>
    public static string Describe(long size) => size % (1024 * 1024) == 0 ? $"{size / (1024 * 1024)} MiB" : $"{size} bytes";

    /// <summary>
    /// The message for a record over <paramref name="maxSize"/>. It gives no size, because a reader
    /// skips such a record without counting it whole.
    /// </summary>
    public static string TooLarge(int maxSize) =>
        $"the record is larger than {Describe(maxSize)}, the maximum size of one record; CloudTrail's largest events are 1 MB, so check what wrote this record";

    /// <summary>The message for a record with <paramref name="values"/> JSON values, over the limit.</summary>
    public static string TooManyValues(long values) =>
        $"the record contains more than {MaxRecordValues:N0} JSON values ({values:N0} counted), the maximum for one record; CloudTrail's records contain a few hundred, so check what wrote this record";

    /// <summary>
    /// Counts the JSON values of <paramref name="json"/> when it is a record (see <see cref="TopLevelKeys.IsRecord"/>)
    /// large enough to exceed <see cref="MaxRecordValues"/>, stopping past the limit; returns
    /// <c>false</c> when it exceeds it. Invalid JSON is left to the parser.
    /// </summary>
    public static bool TryCheckValues(ReadOnlySpan<byte> json, out long values)
    {
        values = 0;
        if (json.Length < CountFromBytes || !TopLevelKeys.IsRecord(json))
        {
            return true;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTokenCursor.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (IsValue(reader.TokenType) && ++values > MaxRecordValues)
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            return true;
        }

        return true;
    }
}
