using System.Text;
using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// Decodes a base64 string of gzip data inside JSON, such as a Lambda function's
/// <c>awslogs.data</c>, into the JSON payloads it contains.
/// </summary>
/// <remarks>
/// The text may contain several base64 payloads back to back, each ending in its padding, as a file of
/// payloads does (<see cref="Base64TextStream"/>). Their gzip members are read one after another,
/// so the decoded data is the payloads' JSON values one after another.
/// </remarks>
internal static class EmbeddedPayload
{
    // A CloudWatch Logs batch contains at most 1 MiB of log events, so a larger payload is not one.
    // NOTE: the decoded payloads are parsed whole, not streamed as a payload file is, so memory grows
    // with them: a Lambda event carrying one 17 MB payload peaked at 300 MB in a hunt.
    private const int MaxDecompressedBytes = 64 * 1024 * 1024;

    public static bool TryDecode(string base64, out byte[] json, out string? error)
    {
        json = [];
        error = null;
        var text = new Base64TextStream(new MemoryStream(Encoding.UTF8.GetBytes(base64)));
        using var gzip = new GzipMemberStream(text);
        if (!TryGunzip(gzip, out var decompressed, out error))
        {
            return false;
        }

        if (text.Failure is { } base64Failure)
        {
            error = $"invalid awslogs.data: the value is not base64 text ({base64Failure}), so it is not a CloudWatch Logs payload";
            return false;
        }

        if (gzip.Failure is { } failure)
        {
            error = $"invalid awslogs.data: the decoded payload is not complete gzip data ({failure})";
            return false;
        }

        json = decompressed;
        return true;
    }

    /// <summary>
    /// Returns the ranges of the top-level JSON values in <paramref name="json"/>, in order. When
    /// the JSON turns invalid, the last range runs from the start of the invalid value to the end,
    /// so that parsing it reports the error.
    /// </summary>
    public static List<Range> SplitValues(ReadOnlySpan<byte> json)
    {
        var ranges = new List<Range>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTokenCursor.MaxDepth, AllowMultipleValues = true });
        var start = 0;
        try
        {
            while (reader.Read())
            {
                start = (int)reader.TokenStartIndex;
                reader.Skip();
                ranges.Add(start..(int)reader.BytesConsumed);
                start = (int)reader.BytesConsumed;
            }
        }
        catch (JsonException)
        {
            ranges.Add(start..json.Length);
        }

        return ranges.Count == 0 ? [0..json.Length] : ranges;
    }

    private static bool TryGunzip(GzipMemberStream gzip, out byte[] json, out string? error)
    {
        json = [];
        error = null;
        try
        {
            using var output = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxDecompressedBytes)
                {
                    error = $"invalid awslogs.data: the payload decompresses to more than {MaxDecompressedBytes} bytes, far more than a CloudWatch Logs batch";
                    return false;
                }

                output.Write(buffer, 0, read);
            }

            json = output.ToArray();
            return true;
        }
        catch (IOException exception)
        {
            error = $"invalid awslogs.data: the decoded payload could not be decompressed ({exception.Message})";
            return false;
        }
    }
}
